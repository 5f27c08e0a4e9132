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

export type SendResult = { ok: true } | { ok: false; code: number; message: string };

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

/** The production adapter: WeChat reports failures by throwing with errCode. */
export function wxSubscribeSender(openapi: WxOpenApi): SubscribeSender {
  return {
    async send(msg) {
      try {
        const res = await openapi.subscribeMessage.send({ ...msg, miniprogramState: 'formal' });
        if (res?.errCode) return { ok: false, code: res.errCode, message: `errCode ${res.errCode}` };
        return { ok: true };
      } catch (e) {
        const code = Number((e as { errCode?: number }).errCode ?? -1);
        return {
          ok: false,
          code: Number.isFinite(code) ? code : -1,
          message: String((e as Error).message ?? e),
        };
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
