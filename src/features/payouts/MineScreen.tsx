import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { categoryLabel, listUrl, monthLabel, yuanLabel } from './format';

/** 我家领了什么: every payout to the caller's household, in full, across all periods. */
export function MineScreen() {
  const mine = useRequest(() => call('disclosure', 'payoutMine', {}), [], { cache: 'payouts:mine' });
  return (
    <RequestView state={mine}>
      {(m) =>
        m.household === null ? (
          <EmptyState
            title="还没有关联到您家的户"
            hint="请在“我的”页面认领村民名册中的自己，村干部审核后这里就能看到您家领取的每一笔钱。"
          />
        ) : (
          <View id="payout-mine">
            <View className="card">
              <Text className="po-title">{m.household}家领取的惠民资金</Text>
              <View className="po-row">
                <Text className="po-who">共 {m.rows.length} 笔</Text>
                <Text className="po-total" id="payout-mine-total">
                  {yuanLabel(m.totalFen)}
                </Text>
              </View>
              <Text className="po-hint">只有您家能看到全名；其他村民看到的是遮住中间字的名字。</Text>
            </View>
            {m.rows.length === 0 ? <EmptyState title="您家还没有领取记录" /> : null}
            {m.rows.map((r, i) => (
              <View
                key={`${r.seriesId}-${i}`}
                className="card tap payout-mine-row"
                onClick={() => void Taro.navigateTo({ url: listUrl(r.seriesId) })}
              >
                <View className="po-row">
                  <Text className="po-who">
                    {monthLabel(r.periodKey)} {categoryLabel(r.category)}
                  </Text>
                  <Text className="po-amount">{yuanLabel(r.amountFen)}</Text>
                </View>
                <Text className="po-hint">
                  领取人：{r.recipient}
                  {r.note ? ` · ${r.note}` : ''}
                </Text>
              </View>
            ))}
          </View>
        )
      }
    </RequestView>
  );
}
