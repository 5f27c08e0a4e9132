/**
 * The subscribe-message sender port. Production: WeChat's `cloud.openapi.subscribeMessage.send`
 * (needs the openapi permission in config.json); locally: an outbox the demo shows.
 */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** Mini-program page opened from the message, with its query. */
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * What a send came to. `unknown`: the request may have reached WeChat and we cannot tell
 * whether the message was delivered (a network error or a timeout after the request left, an
 * answer lost on the way back). Such a send is never repeated (at most once) and is counted
 * `unconfirmed`. A failure without `unknown` is WeChat's own answer: nothing was delivered.
 */
export type SendResult = { ok: true } | { ok: false; code: number; message: string; unknown?: boolean };

export interface SubscribeSender {
  send(msg: SubscribeMessage): Promise<SendResult>;
}

/** The part of wx-server-sdk's `cloud.openapi` we use (typed here, so no SDK is imported). */
export interface WxOpenApi {
  subscribeMessage: {
    send(
      arg: SubscribeMessage & { miniprogramState?: 'developer' | 'trial' | 'formal' },
    ): Promise<{ errCode?: number }>;
  };
}

/**
 * Whether an error code is WeChat's answer to the send itself (the message was not delivered):
 * the openapi's own codes are positive, and -1 is its "system busy". The cloud SDK's own codes
 * (-4xxxxx, -5xxxxx, -6xxxxx: timeouts, gateway and network errors) say nothing about whether
 * the request reached WeChat, except a missing openapi permission (the call never left).
 */
export function isWeChatAnswer(code: number): boolean {
  return code > 0 || code === -1 || code === NO_OPENAPI_PERMISSION;
}
const NO_OPENAPI_PERMISSION = -604101;

/** The production adapter: WeChat reports failures by throwing with errCode. */
export function wxSubscribeSender(openapi: WxOpenApi): SubscribeSender {
  return {
    async send(msg) {
      try {
        const res = await openapi.subscribeMessage.send({ ...msg, miniprogramState: 'formal' });
        if (res?.errCode) return { ok: false, code: res.errCode, message: `errCode ${res.errCode}` };
        return { ok: true };
      } catch (e) {
        const raw = Number((e as { errCode?: number } | null)?.errCode);
        const code = Number.isFinite(raw) ? raw : -1;
        const message = String((e as Error | null)?.message ?? e);
        // An error without a code of WeChat's (a timeout, a reset connection) may have come
        // after WeChat accepted the message.
        if (!Number.isFinite(raw) || !isWeChatAnswer(raw)) return { ok: false, code, message, unknown: true };
        return { ok: false, code, message };
      }
    },
  };
}

/** A sender that keeps every message: the local runtime's stand-in for WeChat's 服务通知. */
export interface OutboxMessage extends SubscribeMessage {
  seq: number;
  at: string;
}

export function outboxSender(
  now: () => Date,
  limit = 2000,
): SubscribeSender & { messages(touser?: string): OutboxMessage[] } {
  const box: OutboxMessage[] = [];
  let seq = 0;
  return {
    async send(msg) {
      box.push({ ...structuredClone(msg), seq: ++seq, at: now().toISOString() });
      if (box.length > limit) box.splice(0, box.length - limit);
      return { ok: true };
    },
    messages(touser) {
      return box.filter((m) => !touser || m.touser === touser).reverse();
    },
  };
}
