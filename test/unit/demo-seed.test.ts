import { chinaDateKey, chinaMonthKey, fixedClock } from '../../cloudfunctions/common/clock';
import type { CadenceStatus, DisclosureSummary } from '../../cloudfunctions/common/contracts/disclosure';
import type {
  NoticeSummary,
  ReportDetail,
  ReportSummary,
} from '../../cloudfunctions/common/contracts/report';
import type { RoundSummary } from '../../cloudfunctions/common/contracts/survey';
import { addMonths } from '../../cloudfunctions/common/periods';
import { startLocalRuntime, type LocalRuntime } from '../../cloudfunctions/local/server';
import { at } from '../must';

/**
 * The demo is alive in any month: started with its clock on three dates far from the seed's
 * reference day, the handlers show last month's finance, an open survey round and a report to
 * read. The local timer composes, and a cadre publishes and delivers, a report on the spot.
 */

async function api<T>(rt: LocalRuntime, persona: string, fn: string, action: string, input: unknown = {}) {
  const res = await fetch(`${rt.url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-persona': persona },
    body: JSON.stringify({ action, input }),
  });
  const reply = (await res.json()) as { ok: true; data: T } | { ok: false; code: string; message: string };
  if (!reply.ok) throw new Error(`${fn}.${action} as ${persona}: ${reply.code} ${reply.message}`);
  return reply.data;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Every ISO instant anywhere in a document, with its path. */
function instants(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => instants(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => instants(v, path ? `${path}.${k}` : k));
  return [];
}

/** Fields that name a time to come by design (an open round's planned end). */
const PLANNED = new Set(['closesAt']);

const SEEDED = [
  'disclosures',
  'disclosureVersions',
  'notices',
  'reports',
  'surveyRounds',
  'assessmentSheets',
  'assessmentAudit',
  'supervisionLedger',
  'users',
];

describe.each([
  ['2027-03-15T02:00:00.000Z'], // mid-March, 10:00 China time
  ['2027-07-02T02:00:00.000Z'], // the 2nd of a quarter's first month
  ['2028-01-20T02:00:00.000Z'], // January of a new year
])('the demo started on %s', (now) => {
  let rt: LocalRuntime;
  const month = chinaMonthKey(now);
  const lastMonth = addMonths(month, -1);

  beforeAll(async () => {
    rt = await startLocalRuntime({ dataDir: null, clock: fixedClock(now) });
  });
  afterAll(() => rt.close());

  test("a villager finds last month's finance published", async () => {
    const list = await api<{ items: DisclosureSummary[] }>(rt, 'dev-resident', 'disclosure', 'list', {
      category: 'finance',
    });
    const latest = list.items.find((d) => d.periodKey === lastMonth);
    expect(latest).toBeDefined();
    expect(latest!.firstPublishedAt <= now).toBe(true);
    expect(latest!.totals?.incomeFen).toBeGreaterThan(0);
  });

  test('most villages published last month; some are overdue; one went up late', async () => {
    const town = await api<{ villages: CadenceStatus[] }>(rt, 'dev-town', 'disclosure', 'townStatus');
    expect(town.villages).toHaveLength(6);
    const missingLastMonth = town.villages.filter((v) =>
      v.overdue.concat(v.dueSoon ?? []).some((g) => g.category === 'finance' && g.periodKey === lastMonth),
    );
    // Due by the 10th: a demo after the 10th shows 西河村 and 北坡村 overdue for it, before it due soon.
    expect(missingLastMonth.map((v) => v.villageId).sort()).toEqual(['v-beipo', 'v-xihe']);
    const overdue = town.villages.filter((v) => v.state === 'overdue').map((v) => v.villageId);
    expect(overdue).toContain('v-xihe'); // the month before last is long overdue
    // 北坡村's finance of three months ago went up after its due date (the 10th of the next month).
    const beipo = await api<{ items: DisclosureSummary[] }>(rt, 'dev-town', 'disclosure', 'list', {
      villageId: 'v-beipo',
      category: 'finance',
    });
    const m3 = addMonths(month, -3);
    const late = beipo.items.find((d) => d.periodKey === m3)!;
    expect(chinaDateKey(late.firstPublishedAt) > `${addMonths(m3, 1)}-10`).toBe(true);
    const onTime = beipo.items.find((d) => d.periodKey === addMonths(month, -4))!;
    expect(chinaDateKey(onTime.firstPublishedAt) <= `${addMonths(month, -3)}-10`).toBe(true);
  });

  test('a survey round is open for this quarter, and an earlier one is closed', async () => {
    const current = await api<{ round: RoundSummary | null; eligible: boolean; voted: boolean }>(
      rt,
      'dev-representative',
      'survey',
      'current',
    );
    expect(current.round).toMatchObject({ status: 'open', villageId: 'v-dongling' });
    expect(current.eligible).toBe(true);
    expect(current.voted).toBe(false);
    const rounds = await api<{ rounds: RoundSummary[] }>(rt, 'dev-cadre', 'survey', 'rounds');
    expect(rounds.rounds.filter((r) => r.status === 'closed').length).toBeGreaterThanOrEqual(1);
    for (const r of rounds.rounds) expect(r.openedAt <= now).toBe(true);
  });

  test('a report to read, and last month’s draft for the cadre', async () => {
    const published = await api<{ items: ReportSummary[] }>(rt, 'dev-migrant', 'report', 'listReports');
    expect(published.items.length).toBeGreaterThan(0);
    expect(published.items.every((r) => r.status === 'published')).toBe(true);
    const report = await api<ReportDetail>(rt, 'dev-migrant', 'report', 'getReport', {
      reportId: at(published.items, 0, 'a published report').reportId,
    });
    expect(report.month).toBe(addMonths(month, -2));
    expect(report.content.finance.totals).not.toBeNull();
    const mine = await api<{ items: ReportSummary[] }>(rt, 'dev-cadre', 'report', 'listReports');
    expect(mine.items.find((r) => r.month === lastMonth)).toMatchObject({ status: 'draft' });
  });

  test('notices of the last weeks', async () => {
    const notices = await api<{ items: NoticeSummary[] }>(rt, 'dev-resident', 'report', 'listNotices');
    expect(notices.items.length).toBeGreaterThan(0);
    for (const n of notices.items) {
      expect(n.publishedAt <= now).toBe(true);
      expect(chinaMonthKey(n.publishedAt)).toBe(lastMonth);
    }
  });

  test("this year's assessment is under way", async () => {
    const year = Number(month.slice(0, 4));
    const sheet = await api<{ year: number; status: string }>(rt, 'dev-cadre', 'assessment', 'sheet');
    expect(sheet.year).toBe(year);
    const dash = await api<{
      year: number;
      states: Record<string, number>;
      qinglian: { target: number | null };
    }>(rt, 'dev-town', 'assessment', 'dashboard');
    expect(dash.year).toBe(year);
    // Sheets in every state: not started, being filled, submitted, confirmed.
    expect(Object.values(dash.states).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    // The town's target for the demo year is set.
    expect(dash.qinglian.target).toBe(6);
  });

  test('nothing in the demo happened after its today', async () => {
    for (const name of SEEDED) {
      const docs = await rt.store.collection(name).find({}, { limit: 1000 });
      const future = docs.flatMap((d) =>
        instants(d)
          .filter(([path, at]) => at > now && !PLANNED.has(path))
          .map(([p, at]) => `${name}.${d._id}.${p}=${at}`),
      );
      expect(future).toEqual([]);
    }
  });
});

test('the local timer composes last month’s reports; a cadre publishes; a subscriber is told', async () => {
  // The 1st of August, 05:00 China time: the timer has not drafted July yet.
  const clock = fixedClock('2027-07-31T21:00:00.000Z');
  const rt = await startLocalRuntime({ dataDir: null, clock });
  try {
    const drafts = async () =>
      (await api<{ items: ReportSummary[] }>(rt, 'dev-cadre', 'report', 'listReports')).items.map(
        (r) => r.month,
      );
    expect(await drafts()).not.toContain('2027-07');
    await api(rt, 'dev-migrant', 'report', 'subscribe', {
      requestId: 'demo-tap-1',
      answers: [{ template: 'monthlyReport', answer: 'accept' }],
    });
    const timer = (persona?: string) =>
      fetch(`${rt.url}/api/dev/timer`, { method: 'POST', headers: persona ? { 'x-persona': persona } : {} });
    // Nobody but a cadre or the town runs it.
    expect((await timer()).status).toBe(401);
    expect((await timer('dev-resident')).status).toBe(403);
    // Before 06:00 a tick drafts nothing; at 06:30 it drafts July for every village.
    expect(
      ((await (await timer('dev-town')).json()) as { data: { drafted: unknown } }).data.drafted,
    ).toBeNull();
    clock.set('2027-07-31T22:30:00.000Z');
    const tick = (await (await timer('dev-town')).json()) as {
      data: { drafted: { month: string; created: number }; summary: string };
    };
    expect(tick.data.drafted).toMatchObject({ month: '2027-07', created: 6 });
    expect(tick.data.summary).toContain('2027年7月村情月报草稿 6 份');
    expect(await drafts()).toContain('2027-07');
    // The cadre publishes; the subscribed migrant worker gets the message.
    clock.set('2027-08-01T01:00:00.000Z');
    await api(rt, 'dev-cadre', 'report', 'publishReport', { reportId: 'v-dongling.2027-07', note: '' });
    await rt.tick();
    const outbox = (await (
      await fetch(`${rt.url}/api/dev/outbox`, { headers: { 'x-persona': 'dev-migrant' } })
    ).json()) as {
      data: { messages: { page: string }[] };
    };
    expect(outbox.data.messages.map((m) => m.page)).toContain(
      'report/pages/view/index?id=v-dongling.2027-07',
    );
  } finally {
    await rt.close();
  }
});
