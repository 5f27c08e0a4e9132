import { DomainError } from '../common/errors';
import type { ActionMap } from '../common/router';
import { wxMain } from '../common/wx-entry';
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

export const main = wxMain(requireSecret(surveyActions));
