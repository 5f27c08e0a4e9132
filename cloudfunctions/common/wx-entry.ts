import { systemClock } from './clock';
import { randomIds } from './ids';
import { setOwnCloudEnv } from './contracts/fileScope';
import { createRouter, type ActionMap, type Env } from './router';
import { wxStore, type WxDatabase } from './store/wx';
import { wxDoorCodeMaker, type WxDoorCodeApi } from './doorCode';
import { wxSubscribeSender, type WxOpenApi } from './subscribe';

interface WxServerSdk {
  init(opts: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): { OPENID?: string; ENV?: string };
  database(): WxDatabase;
  openapi: WxOpenApi & WxDoorCodeApi['openapi'];
  uploadFile: WxDoorCodeApi['uploadFile'];
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
    const { openid, env } = wxHost();
    return handle(event, openid, env);
  };
}

/**
 * The caller's OPENID (absent in a timer run) and the production environment, for entries
 * that handle more than routed calls (e.g. a timer trigger).
 */
export function wxHost(): { openid: string | undefined; env: Env } {
  if (!sdk) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sdk = require('wx-server-sdk') as WxServerSdk;
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  }
  const { OPENID, ENV } = sdk.getWXContext();
  // Attachments are accepted only from this environment's own cloud storage (a context without
  // its environment, which WeChat always gives, checks the id's form only, as before).
  setOwnCloudEnv(ENV || undefined);
  return {
    openid: OPENID,
    env: {
      store: wxStore(sdk.database()),
      clock: systemClock,
      ids: randomIds,
      log: (msg, err) => console.error(msg, err),
      services: {
        subscribeSender: wxSubscribeSender(sdk.openapi),
        doorCodeMaker: wxDoorCodeMaker({ openapi: sdk.openapi, uploadFile: (a) => sdk!.uploadFile(a) }),
      },
    },
  };
}
