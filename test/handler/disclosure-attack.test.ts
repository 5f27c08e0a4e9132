/**
 * 三务公开 as an attacker sees it: a cadre making a missed month look disclosed on time.
 */
import type { CadenceStatus, DisclosureDetail } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { P, VILLAGE_A, okData, snapshot } from './builders';
import { twoTownsEach } from './world';

const ITEMS = [{ direction: 'income', category: '补助收入', amountFen: 3_000_000, note: '村级组织运转经费' }];
let rid = 0;
const finance = (periodKey: string) => ({
  requestId: `req-dattack-${String(++rid).padStart(4, '0')}`,
  villageId: VILLAGE_A,
  category: 'finance',
  title: '甲村财务收支公开',
  periodKey,
  items: ITEMS,
});

const w = twoTownsEach();
const call = w.caller(disclosureActions);
const overdueMonths = async () =>
  okData<CadenceStatus>(await call(P.residentA, 'status', {}))
    .overdue.filter((g) => g.category === 'finance')
    .map((g) => g.periodKey);

describe('corrections that move a disclosure to another period', () => {
  test('a spare disclosure published in March cannot later be moved onto a May that was never disclosed', async () => {
    // 3月15日: February's accounts, and a second copy of them.
    okData(await call(P.cadreA, 'publish', finance('2026-02')));
    const spare = okData<DisclosureDetail>(await call(P.cadreA, 'publish', finance('2026-02')));
    // 6月20日: April and May were never disclosed.
    w.clock.set('2026-06-20T02:00:00.000Z');
    expect(await overdueMonths()).toEqual(expect.arrayContaining(['2026-04', '2026-05']));
    const before = await snapshot(w.store);
    const moved = await call(P.cadreA, 'correct', {
      requestId: 'req-dattack-move',
      seriesId: spare.seriesId,
      baseVersion: 1,
      reason: '月份选错了',
      title: '甲村2026年5月财务收支公开',
      periodKey: '2026-05',
      items: ITEMS,
    });
    // Moved, May would read as disclosed on 3月15日, before it even began.
    expect(moved).toMatchObject({ ok: false, code: 'CORRECTION_INVALID' });
    expect(moved.ok ? '' : moved.message).toMatch(/首次发布/);
    expect(await snapshot(w.store)).toEqual(before);
    expect(await overdueMonths()).toEqual(expect.arrayContaining(['2026-04', '2026-05']));
  });

  test('a disclosure filed under the wrong month may still move to one already closed when it went up', async () => {
    const d = okData<DisclosureDetail>(await call(P.cadreA, 'publish', finance('2026-02')));
    w.clock.set('2026-06-20T02:00:00.000Z');
    const moved = okData<DisclosureDetail>(
      await call(P.cadreA, 'correct', {
        requestId: 'req-dattack-fix',
        seriesId: d.seriesId,
        baseVersion: 1,
        reason: '月份选错了',
        title: '甲村2026年1月财务收支公开',
        periodKey: '2026-01',
        items: ITEMS,
      }),
    );
    expect(moved).toMatchObject({ periodKey: '2026-01', version: 2 });
  });
});
