/**
 * Named refusals: each context declares its own codes with the Chinese message a person reads;
 * the shared list keeps only what every context uses; no code is declared twice (a later
 * spread would silently replace a message); and a use case never refuses with BAD_INPUT,
 * which is kept for what the schema refuses, so a page can branch on the code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ACCOUNT_REFUSALS } from '../../cloudfunctions/common/contracts/account-refusals';
import { ASSESSMENT_REFUSALS } from '../../cloudfunctions/common/contracts/assessment-refusals';
import { ASSET_REFUSALS } from '../../cloudfunctions/common/contracts/assets';
import { DECISION_REFUSALS } from '../../cloudfunctions/common/contracts/decisions';
import { DISCLOSURE_REFUSALS } from '../../cloudfunctions/common/contracts/disclosure-refusals';
import { OVERSIGHT_REFUSALS } from '../../cloudfunctions/common/contracts/oversight';
import { PAYOUT_REFUSALS } from '../../cloudfunctions/common/contracts/payouts';
import { RECORD_REFUSALS } from '../../cloudfunctions/common/contracts/record';
import { REPORT_REFUSALS } from '../../cloudfunctions/common/contracts/report-refusals';
import { SURVEY_REFUSALS } from '../../cloudfunctions/common/contracts/survey-refusals';
import { ERROR_MESSAGES, SHARED_REFUSALS } from '../../cloudfunctions/common/errors';

const PER_CONTEXT: Record<string, Record<string, string>> = {
  shared: SHARED_REFUSALS,
  account: ACCOUNT_REFUSALS,
  disclosure: DISCLOSURE_REFUSALS,
  // The disclosure context's payout lists (惠民资金) keep their own list beside their contract.
  payouts: PAYOUT_REFUSALS,
  survey: SURVEY_REFUSALS,
  report: REPORT_REFUSALS,
  assessment: ASSESSMENT_REFUSALS,
  oversight: OVERSIGHT_REFUSALS,
  decisions: DECISION_REFUSALS,
  assets: ASSET_REFUSALS,
  record: RECORD_REFUSALS,
};

const ROOT = join(__dirname, '../../cloudfunctions');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

test('the shared list keeps only what every context uses', () => {
  expect(Object.keys(SHARED_REFUSALS).sort()).toEqual(
    [
      'BAD_INPUT',
      'FORBIDDEN_ROLE',
      'FORBIDDEN_VILLAGE',
      'INTERNAL',
      'NOT_BOUND',
      'NOT_FOUND',
      'NOT_SIGNED_IN',
      'UNKNOWN_ACTION',
      'VERSION_CONFLICT',
    ].sort(),
  );
});

test('every code is declared once, in one context, with a Chinese message; the lists compose to all', () => {
  const owners = new Map<string, string[]>();
  for (const [context, codes] of Object.entries(PER_CONTEXT))
    for (const code of Object.keys(codes)) owners.set(code, [...(owners.get(code) ?? []), context]);
  expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
  expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...owners.keys()].sort());
  for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
    expect([code, message]).toEqual([code, expect.stringMatching(/[\u4e00-\u9fff]/)]);
    expect([code, message]).not.toEqual([code, expect.stringMatching(/[A-Z]{3,}_|\d{4}-\d{2}/)]);
  }
});

test('no use case refuses with BAD_INPUT: that code is the schema’s (the router’s) alone', () => {
  const offenders = sources(ROOT)
    .filter((f) => !f.includes(`${join('common', 'router.ts')}`) && !f.includes(join('local', 'server.ts')))
    .flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      // Across lines too: `new DomainError(\n  'BAD_INPUT', …`.
      return [...text.matchAll(/(DomainError|fail)\(\s*'BAD_INPUT'/g)].map(
        (m) => `${relative(ROOT, f)}:${text.slice(0, m.index).split('\n').length}`,
      );
    });
  expect(offenders).toEqual([]);
});
