import { DomainError } from '../common/errors';
import type { ActionMap } from '../common/router';
import { isTimerEvent } from '../common/timerEvent';
import { wxHost, wxMain } from '../common/wx-entry';
import { continueOpenings } from './opening';
import { surveyActions } from './actions';

/**
 * The deployed function refuses every action while its voter secret (an environment variable of
 * the function, set in the cloud console) is missing or short: voter entries keyed with a known
 * value could be linked to people by anyone holding a copy of the database and the roster.
 * Tests and the local runtime use the actions directly, with a development secret.
 */
export function requireSecret<M extends ActionMap>(actions: M): M {
  const guarded: ActionMap = {};
  for (const [name, def] of Object.entries(actions)) {
    guarded[name] = {
      input: def.input,
      run: (input, ctx) => {
        const secret = process.env.SURVEY_VOTER_SECRET ?? '';
        if (secret.length < 16) {
          ctx.log?.('SURVEY_VOTER_SECRET is not set (at least 16 characters)');
          throw new DomainError('INTERNAL', '满意度测评尚未配置完成，请联系镇管理员');
        }
        return def.run(input, ctx);
      },
    };
  }
  return guarded as M;
}

const routed = wxMain(requireSecret(surveyActions));

/**
 * The survey function's entry. Its timer trigger (config.json: every minute; { Type: 'timer' }
 * and no OPENID) goes on preparing rounds a town opened that the open call left 正在准备.
 * A call from the mini-program always carries an OPENID, so a client cannot pose as the timer.
 */
export async function main(event: unknown) {
  if (isTimerEvent(event)) {
    const { openid, env } = wxHost();
    if (!openid) {
      if ((process.env.SURVEY_VOTER_SECRET ?? '').length < 16) return { ok: false, code: 'INTERNAL' };
      return continueOpenings(env.store, () => env.clock.now());
    }
  }
  return routed(event);
}
