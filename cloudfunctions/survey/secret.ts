/**
 * Used only where no secret is configured: tests and the local demo. A deployment refuses to
 * run without `SURVEY_VOTER_SECRET` (see index.ts), so this value never keys a real round.
 */
const DEVELOPMENT_SECRET = 'development only: deployments set SURVEY_VOTER_SECRET';

/** The secret voter keys, seals and slot ids are made with: configuration of the function, never data. */
export function voterSecret(): string {
  return process.env.SURVEY_VOTER_SECRET || DEVELOPMENT_SECRET;
}
