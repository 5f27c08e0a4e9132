import { DONGLING, type DemoTown } from '../demo-town';
import { seeded, type Examples, type Input } from './types';

const YEAR = 2026;

/** A day after this year's submission deadline (2026-12-05), 10:00 China time. */
const PAST_DEADLINE = '2026-12-07T02:00:00.000Z';

/** The two items 东岭村's cadre left unscored in the demo. */
const UNSCORED = ['culture_activity', 'supervise_petition'];

/** 东岭村's draft sheet completed and submitted, as its cadre would before asking to reopen it. */
async function submitDongling(town: DemoTown): Promise<void> {
  await town.data('assessment', 'cadre', 'saveSelf', {
    villageId: DONGLING,
    year: YEAR,
    entries: UNSCORED.map((id) => ({ kind: 'item', id, score: 1 })),
  });
  await town.data('assessment', 'cadre', 'submit', { villageId: DONGLING, year: YEAR });
}

const pick = (doc: Record<string, unknown>, keys: string[]): Input =>
  Object.fromEntries(keys.filter((k) => k in doc).map((k) => [k, doc[k]]));

export const assessmentExamples: Examples<'assessment'> = {
  standard: { persona: 'cadre', input: { year: YEAR } },
  saveStandard: {
    persona: 'town',
    input: async (town) => {
      const s = await seeded<{ year: number }>(town, 'assessmentStandards', (d) => d.year === YEAR);
      return {
        ...pick(s, ['title', 'sections', 'bonus', 'vetoes', 'schemeId', 'units']),
        year: YEAR + 1,
        ledgerSince: `${YEAR + 1}-04`,
        schedule: { selfAssessBy: '2027-11-30', submitBy: '2027-12-05', reportBy: '2027-12-15' },
      };
    },
  },
  saveScheme: {
    persona: 'town',
    input: async (town) => {
      const s = await seeded<{ schemeId: string }>(
        town,
        'assessmentSchemes',
        (d) => d.schemeId === 'shangdang',
      );
      return { ...pick(s, ['name', 'tiers', 'vetoTier', 'targets']), id: s.schemeId };
    },
  },
  sheet: { persona: 'cadre', input: { villageId: DONGLING, year: YEAR } },
  saveSelf: {
    persona: 'cadre',
    input: {
      villageId: DONGLING,
      year: YEAR,
      entries: [{ kind: 'item', id: 'culture_activity', score: 1, note: '开展移风易俗活动 2 次' }],
    },
  },
  submit: {
    persona: 'cadre',
    input: async (town) => {
      await town.data('assessment', 'cadre', 'saveSelf', {
        villageId: DONGLING,
        year: YEAR,
        entries: UNSCORED.map((id) => ({ kind: 'item', id, score: 1 })),
      });
      return { villageId: DONGLING, year: YEAR };
    },
  },
  review: {
    persona: 'town',
    input: {
      villageId: 'v-nanwan',
      year: YEAR,
      entries: [{ kind: 'item', id: 'culture_activity', score: 1, comment: '活动记录不全，核减' }],
    },
  },
  confirm: { persona: 'town', input: { villageId: 'v-nanwan', year: YEAR, comment: '同意定级' } },
  reopen: { persona: 'town', input: { villageId: 'v-nanwan', year: YEAR, reason: '材料需补充' } },
  requestReopen: {
    persona: 'cadre',
    input: async (town) => {
      town.clock.set(PAST_DEADLINE);
      return { villageId: DONGLING, year: YEAR, reason: '漏传了两张会议照片' };
    },
  },
  answerReopen: {
    persona: 'town',
    input: async (town) => {
      town.clock.set(PAST_DEADLINE);
      await town.data('assessment', 'cadre', 'requestReopen', {
        villageId: DONGLING,
        year: YEAR,
        reason: '漏传了两张会议照片',
      });
      return { villageId: DONGLING, year: YEAR, grant: true, comment: '同意退回' };
    },
  },
  comment: {
    persona: 'cadre',
    input: async (town) => {
      await submitDongling(town);
      return { villageId: DONGLING, year: YEAR, text: '请镇纪委核对第三项材料' };
    },
  },
  history: { persona: 'cadre', input: { villageId: DONGLING, year: YEAR } },
  export: { persona: 'town', input: { kind: 'sheet', villageId: 'v-taoyuan', year: YEAR } },
  dashboard: { persona: 'town', input: { year: YEAR } },
  demonstration: { persona: 'town', input: { year: YEAR } },
  recount: { persona: 'town', input: { year: YEAR } },
  ledger: { persona: 'town', input: { month: '2026-10', unitId: 'jiwei' } },
  saveLedger: {
    persona: 'town',
    input: {
      unitId: 'jingguan',
      villageId: 'v-beipo',
      month: '2026-10',
      findings: [],
      note: '本月检查未发现问题',
    },
  },
};
