import { DONGLING, type DemoTown } from '../demo-town';
import { PHOTO, seeded, type Examples } from './types';

const POND = `${DONGLING}:ZY-001`;
const TRACTOR = `${DONGLING}:ZC-002`;
/** The pond's contract: its first yearly payment fell due on 2026-11-18 and is still open. */
const POND_CONTRACT = `${DONGLING}:HT-01`;

const pondDecision = async (town: DemoTown) =>
  (await seeded<{ title: string }>(town, 'decisions', (d) => d.title === '村集体鱼塘对外承包'))._id;

const item = {
  code: 'ZC-009',
  name: '村委会办公电脑',
  category: 'equipment',
  location: '村委会',
  acquiredOn: '2026-10-08',
  valueFen: 450_000,
  status: 'inUse',
};

export const assetsExamples: Examples<'assets'> = {
  register: { persona: 'resident', input: { villageId: DONGLING, asOf: '2026-11-01' } },
  exportRegister: { persona: 'cadre', input: { villageId: DONGLING } },
  item: { persona: 'resident', input: { itemId: POND } },
  registerItem: {
    persona: 'cadre',
    input: { requestId: 'req-example-asset', villageId: DONGLING, ...item, photos: PHOTO, note: '' },
    malformed: (v) => [
      ['registered as disposed (a disposal is a change)', { ...v, status: 'disposed' }],
      ['a fractional area', { ...v, areaHundredths: 12.5 }],
      ['yuan with cents as a float', { ...v, valueFen: 10.5 }],
      ['a photo from outside', { ...v, photos: [{ fileId: 'https://evil.example/x.jpg' }] }],
    ],
  },
  importItems: {
    persona: 'cadre',
    input: { requestId: 'req-example-import', villageId: DONGLING, items: [{ ...item, code: 'ZC-010' }] },
    malformed: (v) => [['no rows', { ...v, items: [] }]],
  },
  recordChange: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-change',
      itemId: TRACTOR,
      kind: 'revalue',
      on: '2026-11-20',
      reason: '重新评估',
      valueFen: 3_000_000,
    },
    malformed: (v) => [['acquiring is not a change', { ...v, kind: 'acquire' }]],
  },
  contracts: { persona: 'resident', input: { villageId: DONGLING } },
  createContract: {
    persona: 'cadre',
    input: {
      requestId: 'req-example-contract',
      villageId: DONGLING,
      code: 'HT-09',
      kind: 'lease',
      itemId: TRACTOR,
      counterparty: { kind: 'person', name: '李春生' },
      startOn: '2026-12-01',
      endOn: '2027-11-30',
      amountFen: 600_000,
      schedule: [{ dueOn: '2026-12-10', amountFen: 600_000 }],
    },
    malformed: (v) => [
      ['an empty schedule', { ...v, schedule: [] }],
      ['an impossible day', { ...v, endOn: '2027-02-30' }],
    ],
  },
  recordVacated: { persona: 'cadre', input: { contractId: `${DONGLING}:HT-03`, on: '2026-11-20' } },
  recordPayment: {
    persona: 'cadre',
    input: async (town) => {
      const fin = await seeded<{ villageId: string; category: string; version: number }>(
        town,
        'disclosures',
        (d) => d.villageId === DONGLING && d.category === 'finance',
      );
      return {
        requestId: 'req-example-payment',
        receivableId: `${POND_CONTRACT}.1`,
        receivedOn: '2026-11-20',
        amountFen: 1_600_000,
        financeLine: { seriesId: fin._id, version: fin.version, lineIndex: 0 },
      };
    },
  },
  waive: {
    persona: 'cadre',
    input: async (town) => ({
      receivableId: `${POND_CONTRACT}.1`,
      on: '2026-11-20',
      reason: '受灾减免',
      decisionId: await pondDecision(town),
    }),
  },
  recordStocktake: {
    persona: 'supervisor',
    input: {
      requestId: 'req-example-stocktake',
      villageId: DONGLING,
      on: '2026-11-20',
      checks: [{ itemId: POND, result: 'present', note: '' }],
    },
  },
  stocktakes: { persona: 'resident', input: { villageId: DONGLING } },
  subscribeReminders: {
    persona: 'cadre',
    input: { requestId: 'req-example-reminders', answers: [{ kind: 'paymentDue', answer: 'accept' }] },
  },
  setThreshold: { persona: 'town', input: { thresholdFen: 3_000_000 } },
  recordBalance: {
    // The demo leaves last month's balance of each fund account for the cadre to record.
    persona: 'cadre',
    input: async (town) => ({
      requestId: 'req-example-balance',
      itemId: (
        await seeded<{ villageId: string; category: string }>(
          town,
          'assetItems',
          (d) => d.villageId === DONGLING && d.category === 'account',
        )
      )._id,
      month: '2026-10',
      balanceFen: 12_345_600,
    }),
  },
  reconciliation: { persona: 'supervisor', input: { villageId: DONGLING } },
  townView: {
    persona: 'town',
    input: { limit: 10 },
    malformed: () => [['a page too large', { limit: 1000 }]],
  },
};
