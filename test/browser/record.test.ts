import type { RecordOutputs } from '../../cloudfunctions/common/contracts/record';
import type { ReportDetail } from '../../cloudfunctions/common/contracts/report';
import type { Doc } from '../../cloudfunctions/common/store/port';
import { appPerFile } from './session';
import { expectText, shownIn } from './pages';

/**
 * A resident checks the village's public record: the fingerprint on the home, the verify page
 * that recomputes the chain on the phone, and what it says after a change made behind the
 * product, straight in the database.
 */
jest.setTimeout(180_000);

const app = appPerFile();

const shown = (s: string) => shownIn(app.page, s);

test('a resident sees the fingerprint on the home, opens 核验公开记录, and is told which record was changed', async () => {
  const head = await app.api<RecordOutputs['head']>('dev-resident', 'record', 'head', {});
  expect(head.head).not.toBeNull();
  const { fingerprint, seq } = head.head!;

  await app.openAs('dev-resident', '/pages/home/index');
  await expectText(app.page, shown('#home-fingerprint'), fingerprint);
  await expectText(app.page, shown('#home-fingerprint'), `共 ${seq} 条公开记录`);

  await shown('#home-fingerprint').click();
  const verdict = shown('#verify-verdict');
  await expectText(app.page, verdict, `条公开记录与指纹一致`);
  expect(await verdict.innerText()).toMatch(
    new RegExp(`^自 \\d{4}年\\d{1,2}月以来的 ${seq} 条公开记录与指纹一致$`),
  );
  await expectText(app.page, shown('#verify-fingerprint'), fingerprint);
  // The fingerprint carried in the demo's published report, typed in as printed.
  const reports = await app.api<{ items: { reportId: string; status: string }[] }>(
    'dev-resident',
    'report',
    'listReports',
    {},
  );
  const published = reports.items.find((r) => r.status === 'published')!;
  const carried = (
    await app.api<ReportDetail>('dev-resident', 'report', 'getReport', { reportId: published.reportId })
  ).content.chain!;
  await shown('#verify-held-input input').fill(carried.fingerprint.toLowerCase());
  await shown('#verify-held-check').click();
  await expectText(app.page, shown('#verify-held-answer'), `与第 ${carried.seq} 条公开记录时的指纹一致`);

  // Whoever holds the database console changes one line of a published finance disclosure.
  const page = await app.api<RecordOutputs['entries']>('dev-resident', 'record', 'entries', {});
  const finance = page.items.find(
    (i) => i.entry.kind === 'disclosure' && (i.content as { category: string }).category === 'finance',
  )!;
  const versions = app.runtime.store.collection<Doc & { items: { amountFen: number }[] }>(
    'disclosureVersions',
  );
  const id = `${finance.entry.recordId}.v${finance.entry.version}`;
  const v = (await versions.get(id))!;
  await versions.update(id, {
    set: { items: [{ ...v.items[0], amountFen: v.items[0]!.amountFen + 100 }, ...v.items.slice(1)] },
  });

  await app.page.reload();
  await expectText(app.page, shown('#verify-verdict'), '发现 1 处公开记录与指纹不一致');
  const findings = shown('#verify-findings');
  await expectText(app.page, findings, `《${finance.entry.label}》`);
  await expectText(app.page, findings, '内容已被改动');
  expect(await findings.innerText()).toMatch(/自 \d{4}年\d{1,2}月\d{1,2}日 公开时起不再一致/);
  expect(app.errors).toEqual([]);
});
