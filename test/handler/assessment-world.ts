/**
 * The set-up the assessment sheet tests share: a fresh demo town on the embedded store per call,
 * "today" 2026-11-23 (self-assessment until 11-30, submission to the town until 12-05), the
 * assessment router (with the survey and other sources the test gives) beside disclosure and
 * report, and an audit log whose next write can be made to fail once, as a lost connection would
 * after the change itself went through.
 */
import { createAssessmentActions } from '../../cloudfunctions/assessment/actions';
import { productSources, type Sources } from '../../cloudfunctions/assessment/ports';
import { fixedClock } from '../../cloudfunctions/common/clock';
import type { SheetView } from '../../cloudfunctions/common/contracts/assessment';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { users, villages } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import type { Collection, Doc, Store } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { reportActions } from '../../cloudfunctions/report/actions';
import { must } from '../must';
import { seededStore } from './demo-town';

export const ASSESSMENT_NOW = '2026-11-23T02:00:00.000Z';

/** The store the handlers get: the audit log's next insert fails once after `failAuditOnce()`. */
function withFlakyAudit(inner: Store) {
  let failNext = false;
  const store: Store = {
    collection<T extends Doc>(name: string): Collection<T> {
      const col = inner.collection<T>(name);
      if (name !== 'assessmentAudit') return col;
      return {
        ...col,
        insert: async (doc) => {
          if (failNext) {
            failNext = false;
            throw new Error('network error');
          }
          return col.insert(doc);
        },
      };
    },
  };
  return { store, failAuditOnce: () => void (failNext = true) };
}

type FunctionName = 'assessment' | 'disclosure' | 'report';

export async function assessmentWorld(opts: { sources?: Sources } = {}) {
  const inner = await seededStore();
  const flaky = withFlakyAudit(inner);
  const clock = fixedClock(ASSESSMENT_NOW);
  const env = { store: flaky.store, clock, ids: sequentialIds('t') };
  const routers = {
    assessment: createRouter(createAssessmentActions(opts.sources ?? productSources)),
    disclosure: createRouter(disclosureActions),
    report: createRouter(reportActions),
  };
  /** One function's router, as the host calls it. */
  const call =
    (fn: FunctionName) =>
    (openid: string, action: string, input: unknown = {}) =>
      routers[fn]({ action, input }, openid, env);
  /** The assessment router as one person. */
  const as =
    (openid: string) =>
    (action: string, input: unknown = {}) =>
      call('assessment')(openid, action, input);
  /** The data of a successful call; a test failure naming the code otherwise. */
  const data = async <T>(
    openid: string,
    action: string,
    input: unknown = {},
    fn: FunctionName = 'assessment',
  ) => {
    const r = await call(fn)(openid, action, input);
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };
  return { store: inner, clock, call, as, data, failAuditOnce: flaky.failAuditOnce };
}

/** One entry of a sheet, or a test failure naming it. */
export const entry = (v: SheetView, id: string) =>
  must(
    v.entries.find((e) => e.id === id),
    `the entry ${id}`,
  );

/**
 * 新桥村, a village of the demo town tracked from January 2026 that has not started its sheet,
 * with its cadre 钱立国 (openid `cadre-new`).
 */
export async function addNewVillage(store: Store) {
  await villages(store).insert({
    _id: 'v-new',
    name: '新桥村',
    townId: 'town-qinghe',
    trackingSince: '2026-01',
  });
  await users(store).insert({
    _id: 'cadre-new',
    name: '钱立国',
    townId: 'town-qinghe',
    villageId: 'v-new',
    roles: ['cadre'],
    boundAt: '2026-01-05T02:00:00.000Z',
    via: 'seed',
  });
  return must(await villages(store).get('v-new'), 'the new village');
}
