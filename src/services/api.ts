import Taro from '@tarojs/taro';
import type { ActionName, FunctionName, InputOf, OutputOf } from '@common/contracts';
import type { Failure, Reply } from '@common/errors';

/** A failed call, carrying the stable code and the Chinese message to show. */
export class ApiError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'ApiError';
  }
  get code() {
    return this.failure.code;
  }
}

const PERSONA_KEY = 'dev.persona';
const NETWORK_FAILURE: Failure = { ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' };

/** Local runtime only: the persona that stands in for WeChat login. */
export function getPersona(): string {
  return (Taro.getStorageSync(PERSONA_KEY) as string) || '';
}
export function setPersona(openid: string) {
  Taro.setStorageSync(PERSONA_KEY, openid);
}

/** Transport seam: tests of the compiled pages replace it; pages never call it directly. */
export type Transport = (name: string, event: { action: string; input: unknown }) => Promise<Reply<unknown>>;

const cloudTransport: Transport = async (name, event) => {
  const res = await Taro.cloud.callFunction({ name, data: event });
  return res.result as Reply<unknown>;
};

const httpTransport: Transport = async (name, event) => {
  const res = await Taro.request<Reply<unknown>>({
    url: `/api/fn/${name}`,
    method: 'POST',
    data: event,
    header: { 'content-type': 'application/json', 'x-persona': getPersona() },
    timeout: 15_000,
  });
  return res.data;
};

let transport: Transport = process.env.TARO_ENV === 'weapp' ? cloudTransport : httpTransport;

export function setTransport(t: Transport) {
  transport = t;
}

/** Calls one action of one cloud function; resolves to its data or throws ApiError. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<F, A>,
): Promise<OutputOf<F, A>> {
  let reply: Reply<unknown>;
  try {
    reply = await transport(fn, { action, input });
  } catch {
    throw new ApiError(NETWORK_FAILURE);
  }
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new ApiError(NETWORK_FAILURE);
  if (!reply.ok) throw new ApiError(reply);
  return reply.data as OutputOf<F, A>;
}

/** A fresh key for a write, so a retried tap never publishes twice. */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rand}`;
}
