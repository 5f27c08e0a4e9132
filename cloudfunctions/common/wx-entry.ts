import { systemClock } from './clock';
import { randomIds } from './ids';
import { createRouter, type ActionMap } from './router';
import { wxStore, type WxDatabase } from './store/wx';

interface WxServerSdk {
  init(opts: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): { OPENID?: string };
  database(): WxDatabase;
}

let sdk: WxServerSdk | null = null;

/**
 * The production entry of a cloud function. The SDK is required lazily, at the first call in
 * WeChat's cloud, so no test or local run ever initialises it. Identity is the OPENID of
 * `getWXContext()`, and nothing else.
 */
export function wxMain(actions: ActionMap) {
  const handle = createRouter(actions);
  return async function main(event: unknown) {
    if (!sdk) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      sdk = require('wx-server-sdk') as WxServerSdk;
      sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
    }
    const { OPENID } = sdk.getWXContext();
    return handle(event, OPENID, {
      store: wxStore(sdk.database()),
      clock: systemClock,
      ids: randomIds,
      log: (msg, err) => console.error(msg, err),
    });
  };
}
