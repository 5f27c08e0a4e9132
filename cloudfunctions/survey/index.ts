import { fail } from '../common/errors';
import { wxMain } from '../common/wx-entry';
import { surveyActions } from './actions';

const routed = wxMain(surveyActions);

/**
 * The deployed function refuses to run without its voter secret (an environment variable of the
 * function, set in the cloud console): voter entries keyed with a known value could be linked
 * to people by anyone holding a copy of the database and the roster.
 */
export async function main(event: unknown) {
  if (!process.env.SURVEY_VOTER_SECRET || process.env.SURVEY_VOTER_SECRET.length < 16) {
    console.error('SURVEY_VOTER_SECRET is not set (at least 16 characters)');
    return fail('INTERNAL', '满意度测评尚未配置完成，请联系镇管理员');
  }
  return routed(event);
}
