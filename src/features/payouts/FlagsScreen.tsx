import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { VillagePayoutFlags } from '@common/contracts/payouts';
import { call } from '@/services/api';
import { MoreButton, useMorePages } from '@/features/shared/MorePages';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { categoryLabel, listTitle, listUrl, monthLabel, yuanLabel } from './format';

/** One village's flags: payouts to relatives, recipients listed twice, sudden changes. */
export function VillageFlags({ v }: { v: VillagePayoutFlags }) {
  const none = !v.relatives.length && !v.duplicates.length && !v.changes.length;
  return (
    <View className="card payout-village" id={`payout-village-${v.villageId}`}>
      <Text className="po-title">{v.villageName}</Text>
      <Text className="po-hint">
        近一年公开名单 {v.lists} 份{v.latestPeriodKey ? `，最近一份是${monthLabel(v.latestPeriodKey)}` : ''}
      </Text>
      {none ? <Text className="po-line">没有发现需要留意的情况</Text> : null}
      {v.relatives.map((r) => (
        <Text
          key={`${r.seriesId}-${r.index}`}
          className="po-flag tap payout-relative"
          onClick={() => void Taro.navigateTo({ url: listUrl(r.seriesId, r.version) })}
        >
          优亲厚友：{listTitle(r)} 第 {r.index + 1} 行 {r.recipient} {yuanLabel(r.amountFen)}，是{r.of}的
          {r.relation}
        </Text>
      ))}
      {v.duplicates.map((d) => (
        <Text
          key={`${d.seriesId}-${d.recipient}`}
          className="po-flag tap payout-duplicate"
          onClick={() => void Taro.navigateTo({ url: listUrl(d.seriesId) })}
        >
          重复列出：{listTitle(d)} {d.recipient} 出现 {d.times} 次
        </Text>
      ))}
      {v.changes.map((c) => (
        <Text key={`${c.category}-${c.periodKey}`} className="po-flag payout-change">
          变化较大：{categoryLabel(c.category)} {monthLabel(c.periodKey)} {c.count} 人{' '}
          {yuanLabel(c.amountFen)}， 上期（{monthLabel(c.previousPeriodKey)}）{c.previousCount} 人{' '}
          {yuanLabel(c.previousAmountFen)}
        </Text>
      ))}
    </View>
  );
}

/** The 村监委's view of its own village. */
export function SupervisorFlagsScreen() {
  const flags = useRequest(() => call('disclosure', 'payoutFlags', {}), []);
  return <RequestView state={flags}>{(v) => <VillageFlags v={v} />}</RequestView>;
}

/** The town's view: every village with payout lists, a page at a time (flat: summaries kept on write). */
export function TownFlagsScreen() {
  const first = useRequest(() => call('disclosure', 'payoutTown', {}), []);
  const more = useMorePages(
    first.data,
    (r) => ({ rows: r.villages, next: r.next }),
    (cursor) => call('disclosure', 'payoutTown', { cursor }),
  );
  return (
    <RequestView state={first}>
      {(r) => (
        <View id="payout-town">
          <Text className="po-hint">
            发给村干部、村监委成员本人及其申报的近亲属的钱、重复列出的人、与上期相比变化较大的类别。
          </Text>
          {r.villages.length === 0 ? <EmptyState title="各村还没有公开发放名单" /> : null}
          {more.rows.map((v) => (
            <VillageFlags key={v.villageId} v={v} />
          ))}
          <MoreButton more={more} label="加载更多村" />
        </View>
      )}
    </RequestView>
  );
}
