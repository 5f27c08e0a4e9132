/**
 * Valid inputs of village A (./builders.ts) that several handler tests publish: a month's 财务公开,
 * the village's pond in the 三资 register, and a 四议两公开 meeting every member entitled came to
 * and voted for. Each test passes its own request id, so retries stay the test's to make.
 */
import { VILLAGE_A } from './builders';

type Attachment = { fileId: string; name: string; kind: string };

/** 甲村's 财务公开 of a month (`2026-02`), with its line items. */
export const villageFinance = (requestId: string, periodKey: string, items: unknown[]) => ({
  requestId,
  villageId: VILLAGE_A,
  category: 'finance',
  title: `甲村${periodKey}财务收支公开`,
  periodKey,
  body: '现将本月收支公开如下。',
  items,
});

/**
 * 甲村's 财务公开 lines of a month in which the pond's first year's rent came in: line 3 (an
 * income), after the town's grant and two expenses. A payment is recorded against it.
 */
export const RENT_FINANCE_LINES = [
  { direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' },
  { direction: 'expense', category: '管理费用', amountFen: 960_000, note: '村干部误工补贴' },
  { direction: 'expense', category: '公益支出', amountFen: 150_050, note: '道路保洁' },
  { direction: 'income', category: '发包及上交收入', amountFen: 1_200_000, note: '村东鱼塘租金' },
];
export const RENT_LINE = 3;

/** 村东鱼塘, 12.5 亩, idle since 2015, as a cadre registers it. */
export const villagePond = (requestId: string, photos: Attachment[]) => ({
  requestId,
  villageId: VILLAGE_A,
  code: 'ZY-001',
  name: '村东鱼塘',
  category: 'pond',
  location: '村东头水库下',
  acquiredOn: '2015-06-01',
  areaHundredths: 1250,
  status: 'idle',
  photos,
});

export function unanimousMeeting(m: {
  requestId: string;
  decisionId: string;
  step: string;
  heldOn: string;
  entitled: number;
  minutes: Attachment[];
}) {
  return {
    ...m,
    present: m.entitled,
    votesFor: m.entitled,
    votesAgainst: 0,
    abstentions: 0,
    outcome: 'passed',
  };
}

/**
 * One village's disclosures of 2026 up to a point: 财务公开 of 2026-01 .. 2026-`months` and
 * 村务/党务 of Q1 to Q3, each through `publish` (its cadre's call); `tag` keeps request ids apart.
 */
export async function publishUpTo(
  publish: (input: Record<string, unknown>) => Promise<unknown>,
  villageId: string,
  tag: string | number,
  months: number,
): Promise<void> {
  const base = { villageId, body: '', attachments: [], items: [], major: false };
  for (let m = 1; m <= months; m++) {
    const periodKey = `2026-${String(m).padStart(2, '0')}`;
    await publish({
      ...base,
      requestId: `fin-${tag}-${periodKey}`,
      category: 'finance',
      title: `${m}月财务公开`,
      periodKey,
      items: [{ direction: 'income', category: '补助收入', note: '', amountFen: 100_00 }],
    });
  }
  for (const category of ['affairs', 'party'])
    for (const q of ['Q1', 'Q2', 'Q3'])
      await publish({
        ...base,
        requestId: `${category}-${tag}-${q}`,
        category,
        title: `${q}公开`,
        periodKey: `2026-${q}`,
      });
}
