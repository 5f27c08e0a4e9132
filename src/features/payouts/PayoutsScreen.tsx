import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PAYOUT_CATEGORIES, type PayoutCategory } from '@common/contracts/payouts';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { categoryLabel, listTitle, listUrl, yuanLabel } from './format';

/** 惠民资金公开: the village's payout lists by category and month, with totals (no names here). */
export function PayoutsScreen({ villageId }: { villageId?: string }) {
  const [category, setCategory] = useState<PayoutCategory | 'all'>('all');
  const lists = useRequest(
    () => call('disclosure', 'payoutLists', villageId ? { villageId } : {}),
    [villageId],
    { cache: `payouts:${villageId ?? ''}` },
  );
  return (
    <RequestView state={lists}>
      {(r) => {
        const shown = r.lists.filter((l) => category === 'all' || l.category === category);
        const present = PAYOUT_CATEGORIES.filter((c) => r.lists.some((l) => l.category === c));
        return (
          <View id="payout-lists">
            <View className="card">
              <Text className="po-title">{r.villageName}惠民资金发放公开</Text>
              <Text className="po-hint">
                每户领取的钱都在这里公开，名字中间用 * 遮住；您家的明细在“我家领了什么”里看全名。
              </Text>
              {r.totals.map((t) => (
                <View key={t.category} className="po-row" id={`payout-total-${t.category}`}>
                  <Text className="po-who">
                    {categoryLabel(t.category)}（共 {t.count} 人次）
                  </Text>
                  <Text className="po-amount">{yuanLabel(t.amountFen)}</Text>
                </View>
              ))}
            </View>
            <Chips
              idPrefix="payout-category"
              options={[
                { value: 'all' as const, label: '全部' },
                ...present.map((c) => ({ value: c, label: categoryLabel(c) })),
              ]}
              value={category}
              onChange={setCategory}
            />
            {shown.length === 0 ? <EmptyState title="还没有公开的发放名单" /> : null}
            {shown.map((l) => (
              <View
                key={l.seriesId}
                className="card tap payout-list-row"
                id={`payout-${l.category}-${l.periodKey}`}
                onClick={() => void Taro.navigateTo({ url: listUrl(l.seriesId) })}
              >
                <View className="po-row">
                  <Text className="po-who">{listTitle(l)}</Text>
                  <Text className="po-amount">{yuanLabel(l.amountFen)}</Text>
                </View>
                <Text className="po-hint">
                  {l.count} 人{l.version > 1 ? ` · 已更正 ${l.version - 1} 次` : ''}
                </Text>
              </View>
            ))}
          </View>
        );
      }}
    </RequestView>
  );
}
