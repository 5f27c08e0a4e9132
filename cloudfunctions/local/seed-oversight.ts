import { chinaDateKey, fixedClock } from '../common/clock';
import type { DisclosureOutputs } from '../common/contracts/disclosure';
import { users } from '../common/identity';
import { sequentialIds } from '../common/ids';
import { createRouter } from '../common/router';
import type { Store } from '../common/store/port';
import { disclosureActions } from '../disclosure/actions';
import { oversightActions } from '../oversight';
import { sweep } from '../oversight/townView';

const DAY = 86_400_000;

/**
 * The oversight context's part of the demo town: questions in every state in 东岭村 (one on a
 * line item of the newest finance disclosure), and an overdue one in 西河村 that the clock has
 * escalated. Every date is counted back from `now`, and every record goes through the actions.
 */
export async function seedOversightDemo(store: Store, now: string, townId: string): Promise<void> {
  const end = new Date(now).getTime();
  const clock = fixedClock(now);
  const env = { store, clock, ids: sequentialIds('seedo') };
  const oversight = createRouter(oversightActions);
  const disclosure = createRouter(disclosureActions);
  const at = (daysAgo: number, hours = 0) =>
    clock.set(new Date(end - daysAgo * DAY + hours * 3_600_000).toISOString());
  const must = async <T>(openid: string, action: string, input: unknown): Promise<T> => {
    const reply = await oversight({ action, input }, openid, env);
    if (!reply.ok) throw new Error(`seed oversight ${action} failed: ${reply.code} ${reply.message}`);
    return reply.data as T;
  };

  // The newest finance disclosure of 东岭村, to question it and one of its lines.
  const list = await disclosure(
    { action: 'list', input: { villageId: 'v-dongling', category: 'finance', limit: 1 } },
    'dev-resident',
    env,
  );
  const newest = list.ok ? (list.data as DisclosureOutputs['list']).items[0] : undefined;
  const onDisclosure = (itemIndex?: number) =>
    newest
      ? {
          subject: {
            kind: 'disclosure',
            seriesId: newest.seriesId,
            version: newest.version,
            ...(itemIndex === undefined ? {} : { itemIndex }),
          },
        }
      : {};

  let n = 0;
  const raise = async (who: string, daysAgo: number, input: Record<string, unknown>) => {
    at(daysAgo);
    const r = await must<{ id: string }>(who, 'raise', {
      requestId: `seed-ov-${String(++n).padStart(4, '0')}`,
      showName: true,
      ...input,
    });
    return r.id;
  };

  // 1. Waiting for the 村监委 (raised yesterday, name hidden from the cadres).
  await raise('dev-resident', 1, {
    category: 'finance',
    text: '这笔支出的明细里没有写清楚是给谁的，能不能公开合同？',
    showName: false,
    ...onDisclosure(0),
  });
  // 2. Accepted, with the cadre.
  const accepted = await raise('dev-party', 6, {
    category: 'affairs',
    text: '村东头路灯坏了两个月了，晚上老人出门不安全，什么时候修？',
  });
  at(5);
  await must('dev-supervisor', 'accept', {
    itemId: accepted,
    assigneeId: 'dev-cadre',
    note: '请村委会核实维修安排',
  });
  // 3. Answered, waiting for the 村监委 to check.
  const answered = await raise('dev-representative', 9, {
    category: 'benefits',
    text: '今年的低保名单是怎么评的？有几户条件不错的也评上了。',
  });
  at(8);
  await must('dev-supervisor', 'accept', { itemId: answered, assigneeId: 'dev-cadre' });
  at(3);
  await must('dev-cadre', 'answer', {
    itemId: answered,
    text: '低保名单经村民代表会议评议、镇民政办审核，已在村务公开栏公示 7 天，公示期内没有收到异议。',
  });
  // 4. Checked, waiting for the reporter's rating (public on the disclosure).
  const verified = await raise('dev-resident', 7, {
    category: 'finance',
    text: '这个月的管理费用比上个月多了不少，主要花在哪里？',
    ...onDisclosure(),
  });
  at(6);
  await must('dev-supervisor', 'accept', { itemId: verified, assigneeId: 'dev-cadre' });
  at(4);
  await must('dev-cadre', 'answer', {
    itemId: verified,
    text: '本月管理费用增加主要是村办公楼屋顶防水维修，经两委会议研究，凭证已附在公开中。',
  });
  at(3);
  await must('dev-supervisor', 'verify', { itemId: verified, outcome: 'pass', note: '已核对维修合同和发票' });
  // 5. Closed 满意.
  const closed = await raise('dev-migrant', 20, {
    category: 'assets',
    text: '村集体鱼塘承包到期后重新发包了吗？承包费是多少？',
  });
  at(19);
  await must('dev-supervisor', 'accept', { itemId: closed, assigneeId: 'dev-cadre' });
  at(15);
  await must('dev-cadre', 'answer', {
    itemId: closed,
    text: '鱼塘已公开竞价重新发包，年承包费 2.6 万元，合同在村务公开中可查。',
  });
  at(14);
  await must('dev-supervisor', 'verify', { itemId: closed, outcome: 'pass' });
  at(12);
  await must('dev-migrant', 'rate', { itemId: closed, rating: 'satisfied' });
  // 6. 不满意 -> escalated, with the town's instruction.
  const escalated = await raise('dev-party', 18, {
    category: 'conduct',
    text: '村里修水渠用的是村干部亲戚的施工队，有没有经过招标？',
    showName: false,
  });
  at(17);
  await must('dev-supervisor', 'accept', { itemId: escalated, assigneeId: 'dev-cadre' });
  at(10);
  await must('dev-cadre', 'answer', { itemId: escalated, text: '施工队是经两委会议确定的，价格合理。' });
  at(9);
  await must('dev-supervisor', 'verify', { itemId: escalated, outcome: 'pass' });
  at(8);
  await must('dev-party', 'rate', { itemId: escalated, rating: 'unsatisfied', comment: '没有回答是否招标' });
  at(6);
  await must('dev-town', 'instruct', {
    itemId: escalated,
    text: '请村两委在 5 日内提供水渠工程的比选记录和两委会议纪要。',
  });
  // 7. Referred on.
  const referred = await raise('dev-representative', 4, {
    category: 'other',
    text: '镇上到村里的公交车班次太少，能不能增加？',
  });
  at(3);
  await must('dev-supervisor', 'refer', { itemId: referred, note: '属镇交通办职责，已转交镇交通办' });

  // The 村监委's 台账 this month and last: a meeting, an attendance, a check, a finding with its 整改.
  const day = (daysAgo: number) => chinaDateKey(new Date(end - daysAgo * DAY));
  const log = async (daysAgo: number, input: Record<string, unknown>) => {
    at(daysAgo);
    return must<{ id: string }>('dev-supervisor', 'logAdd', {
      requestId: `seed-log-${String(++n).padStart(4, '0')}`,
      date: day(daysAgo),
      ...input,
    });
  };
  await log(35, {
    kind: 'meeting',
    title: '村监委月度例会',
    text: '研究本月监督重点：财务公开、低保评议。',
    attendees: ['陈立新', '王建国'],
  });
  await log(20, {
    kind: 'attendance',
    title: '列席村两委会议',
    text: '会议研究村道硬化工程预算，村监委提出须经村民代表会议表决。',
  });
  await log(12, { kind: 'check', title: '审核上月财务公开', text: '收支与凭证一致，公开内容完整。' });
  const found = await log(6, {
    kind: 'finding',
    title: '财务公开前审核发现问题',
    text: '两张办公用品发票缺少经手人签字。',
    fix: { owner: '村会计', dueOn: day(-4), what: '补齐经手人签字后再入账公开' },
  });
  at(2);
  await must('dev-cadre', 'fixUpdate', {
    requestId: 'seed-fix-0001',
    fixId: found.id,
    move: 'done',
    note: '已补齐签字并拍照存档',
  });

  // 8. 西河村: a question nobody accepted in time; the timer escalates it.
  await users(store).insert({
    _id: 'seed-resident-v-xihe',
    name: '西河村民',
    townId,
    villageId: 'v-xihe',
    roles: ['resident'],
    boundAt: new Date(end - 60 * DAY).toISOString(),
    via: 'seed',
  });
  await raise('seed-resident-v-xihe', 10, {
    category: 'affairs',
    text: '村里的垃圾清运点一周才清一次，夏天气味很大。',
  });
  clock.set(now);
  await sweep(env);
}
