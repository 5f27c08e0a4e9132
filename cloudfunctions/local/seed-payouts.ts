import { rosterOf } from '../account/store';
import { accountActions } from '../account/actions';
import { fixedClock, type Clock } from '../common/clock';
import type { PayoutCategory } from '../common/contracts/payouts';
import { sequentialIds } from '../common/ids';
import { villages } from '../common/identity';
import { createRouter, type Env } from '../common/router';
import { addMonths } from '../common/periods';
import { findAll, type Store } from '../common/store/port';
import { disclosureActions } from '../disclosure/actions';
import { demoCalendar } from './demo-calendar';

/**
 * 惠民资金发放名单 of the demo town, through the real use cases: per village a roster of
 * households and a year of lists (低保 and 特困供养 every month, 残疾人两项补贴 and 养老保险补贴
 * every quarter, 耕地地力保护补贴 once a year, 临时救助 now and then). In 东岭村 cadre 李明华
 * declared his brother 李建国, who is on last month's 低保 list (flagged for the 村监委 and the
 * town), and the persona 张桂兰 is linked to her household (我家领了什么). In 南湾村 one recipient
 * is listed twice last month.
 */

/** The demo's households (also the names the payouts bench lists). */
export const HOUSEHOLDS = [
  '王大山',
  '赵红',
  '孙秀珍',
  '钱玉芬',
  '周德福',
  '吴桂英',
  '郑长林',
  '冯小梅',
  '陈老三',
  '褚凤英',
];

const cadreOf = (villageId: string) =>
  villageId === 'v-dongling'
    ? 'dev-cadre'
    : villageId === 'v-xihe'
      ? 'dev-cadre-xihe'
      : `seed-cadre-${villageId}`;

const BASIS: Record<PayoutCategory, string> = {
  subsistence: '县民政局农村低保审批（按月发放，标准每人每月 650 元）',
  destitute: '县民政局特困人员供养审批',
  disability: '县残联困难残疾人生活补贴和重度残疾人护理补贴审批',
  farmland: '县农业农村局耕地地力保护补贴发放通知（按确权面积）',
  pension: '城乡居民基本养老保险缴费补贴（县财政）',
  relief: '镇临时救助审批表（经村民代表会议评议）',
  other: '其他惠民资金',
};

export async function seedPayoutsDemo(store: Store, now: string, townId: string): Promise<void> {
  const villageIds = (await findAll(villages(store), { townId }, { sort: { _id: 1 } })).map((v) => v._id);
  const cal = demoCalendar(now);
  const clock = fixedClock(now);
  const env: Env = { store, clock: clock as Clock, ids: sequentialIds('pseed') };
  const disclosure = createRouter(disclosureActions);
  const account = createRouter(accountActions);
  let n = 0;
  const ask = async <T>(
    handle: typeof disclosure,
    who: string,
    action: string,
    input: object,
  ): Promise<T> => {
    const r = await handle({ action, input }, who, env);
    if (!r.ok) throw new Error(`seed payouts ${action}: ${r.code} ${r.message}`);
    return r.data as T;
  };

  for (const [vi, villageId] of villageIds.entries()) {
    clock.set(cal.at(`${cal.monthOffset(-13)}-01`));
    const names = villageId === 'v-dongling' ? ['张桂兰', '李建国', ...HOUSEHOLDS] : HOUSEHOLDS;
    await ask(account, 'dev-town', 'importRoster', {
      villageId,
      entries: names.map((name, i) => ({
        name,
        phoneLast4: String(7000 + vi * 100 + i),
        roles: ['resident'],
      })),
    });
    const roster = await rosterOf(store).find({ villageId });
    const idOf = (name: string) => roster.find((r) => r.name === name)?._id ?? '';
    if (villageId === 'v-dongling') {
      // The persona 张桂兰 is her household (a cadre linked her claim), and 李明华 declares his brother.
      await rosterOf(store).update(idOf('张桂兰'), { set: { claimedBy: 'dev-resident' } });
      await ask(account, 'dev-cadre', 'declareRelatives', {
        requestId: 'seed-relatives-dongling',
        relatives: [{ name: '李建国', rosterId: idOf('李建国'), relation: 'sibling' }],
      });
    }
    const row = (name: string, yuan: number, note = '', household = name) => ({
      recipient: name,
      householdId: idOf(household),
      amountFen: Math.round(yuan * 100),
      note,
    });
    const publish = async (category: PayoutCategory, month: string, rows: ReturnType<typeof row>[]) => {
      clock.set(cal.at(`${addMonths(month, 1)}-0${1 + ((vi + n) % 8)}`));
      await ask(disclosure, cadreOf(villageId), 'payoutPublish', {
        requestId: `seed-payout-${String(++n).padStart(5, '0')}`,
        villageId,
        category,
        periodKey: month,
        basis: BASIS[category],
        rows,
      });
    };
    for (let i = 12; i >= 1; i--) {
      const month = cal.monthOffset(-i);
      const m = Number(month.slice(5));
      const last = i === 1;
      const dibao = [row('王大山', 650), row('赵红', 650), row('孙秀珍', 650, '一类对象')];
      if (i <= 6) dibao.push(row('钱玉芬', 650, '新纳入'));
      if (villageId === 'v-dongling' && last) dibao.push(row('李建国', 650, '新纳入'));
      if (villageId === 'v-nanwan' && last) dibao.push(row('王大山', 650));
      await publish('subsistence', month, dibao);
      await publish('destitute', month, [row('周德福', 980, '分散供养')]);
      if (m % 3 === 0) {
        await publish('disability', month, [row('吴桂英', 270, '生活补贴'), row('郑长林', 360, '护理补贴')]);
        const pension = [row('冯小梅', 100), row('陈老三', 100)];
        if (villageId === 'v-dongling') pension.push(row('张桂兰', 100));
        await publish('pension', month, pension);
      }
      if (m === 5) {
        const farmland = HOUSEHOLDS.map((h, k) => row(h, 105.6 * (2 + (k % 4)), `${2 + (k % 4)} 亩`));
        if (villageId === 'v-dongling') farmland.push(row('张桂兰', 316.8, '3 亩'));
        await publish('farmland', month, farmland);
      }
      if ((m + vi) % 5 === 0) await publish('relief', month, [row('褚凤英', 1500, '因病临时救助')]);
    }
  }
}
