import type { ChainExport } from '../../cloudfunctions/common/contracts/record';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { verifyExport } from '../../cloudfunctions/local/verify';
import { recordActions } from '../../cloudfunctions/record/actions';
import { P, callerFor, okData, seedTwoTowns, testEnv, VILLAGE_A } from '../handler/builders';

/** What an auditor runs on an export file (`npm run verify -- <file>`). */
async function exported(): Promise<ChainExport> {
  const t = testEnv('2026-03-05T02:00:00.000Z');
  await seedTwoTowns(t.store);
  const publish = callerFor(disclosureActions, t.env);
  for (const [i, m] of ['2025-12', '2026-01', '2026-02'].entries())
    okData(
      await publish(P.cadreA, 'publish', {
        requestId: `audit-${i}-000`,
        villageId: VILLAGE_A,
        category: 'finance',
        title: `甲村${m}财务收支公开`,
        periodKey: m,
        body: '现将本月收支公开如下。',
        items: [{ direction: 'expense', category: '管理费用', amountFen: 10_000 + i, note: '误工补贴' }],
      }),
    );
  const file = okData<ChainExport>(await callerFor(recordActions, t.env)(P.supervisorA, 'exportChain', {}));
  return JSON.parse(JSON.stringify(file)) as ChainExport;
}

test('an untouched export verifies, with the fingerprint the auditor holds', async () => {
  const file = await exported();
  const r = verifyExport(file, [
    { seq: 3, fingerprint: file.head!.fingerprint.toLowerCase(), source: '您持有的指纹' },
  ]);
  expect(r.ok).toBe(true);
  expect(r.lines[0]).toBe('甲村：自 2026年3月以来的 3 条公开记录与指纹一致');
});

test('an export edited after the fact names the record; a forged head fails the held fingerprint', async () => {
  const file = await exported();
  const held = { seq: 3, fingerprint: file.head!.fingerprint, source: '您持有的指纹' };
  const item = file.items[1]!;
  (item.content as { items: { amountFen: number }[] }).items[0]!.amountFen = 1;
  const r = verifyExport(file, [held]);
  expect(r.ok).toBe(false);
  expect(r.lines.join('\n')).toContain('三务公开《甲村2026-01财务收支公开》：内容已被改动');
  // Someone who drops the last record and restates the head is caught by the printed one.
  const cut = await exported();
  cut.items.pop();
  cut.head = { seq: 2, fingerprint: 'XXXX-XXXX-XXXX-XXXX', at: cut.items[1]!.entry.at };
  const r2 = verifyExport(cut, [held]);
  expect(r2.ok).toBe(false);
  expect(r2.lines.join('\n')).toContain('您持有的指纹（第 3 条记录时）与重新计算的结果不一致');
});
