import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { TownPageControl, useTownPager } from '@/features/shared/TownPager';
import { pct, periodLabel, RESULTS_URL, statusClass } from './format';
import { navigateTo } from '../shared/nav';

/** Town admins: the villages of the town side by side for one period, worst first, a page at a time. */
export function CompareView() {
  const [periodKey, setPeriodKey] = useState<string | undefined>(undefined);
  const pager = useTownPager();
  const { cursor } = pager;
  const cmp = useRequest(
    () => call('survey', 'compare', { periodKey, ...(cursor ? { cursor } : {}) }),
    [periodKey, cursor],
  );
  return (
    <RequestView state={cmp}>
      {(c) =>
        c.periods.length === 0 ? (
          <EmptyState title="各村还没有结束的测评" />
        ) : (
          <View id="survey-compare">
            <View className="card">
              <Text className="section-title">测评期间</Text>
              <Chips
                idPrefix="period"
                options={c.periods.map((p) => ({ value: p, label: periodLabel(p) }))}
                value={c.periodKey ?? undefined}
                onChange={(p) => {
                  pager.reset();
                  setPeriodKey(p);
                }}
              />
              <Text id="compare-order" className="field-hint">
                全镇各村按本期五项中最低的满意率从低到高排列，本期没有测评的村排在最后。
              </Text>
            </View>
            {c.rows.map((row) => (
              <View
                key={row.villageId}
                id={`compare-${row.villageId}`}
                className={`card compare-row${row.round ? ' tap' : ''}`}
                onClick={() => row.round && Taro.navigateTo({ url: RESULTS_URL(row.round.id) })}
              >
                <View className="card-row">
                  <Text className="card-title">{row.villageName}</Text>
                  <Text className="sv-hint">
                    {row.round ? `参与率 ${pct(row.round.participation)}` : '本期没有测评'}
                  </Text>
                </View>
                {row.indicators.map((i) => (
                  <View key={i.indicatorId} className="sv-table-row">
                    <Text>{i.name}</Text>
                    <View className="card-meta">
                      <Text className="sv-rate">{pct(i.approvalRate)}</Text>
                      <Text className={statusClass(i)}>{i.statusLabel}</Text>
                    </View>
                  </View>
                ))}
                <Text
                  className="link tap"
                  onClick={(e) => {
                    e.stopPropagation();
                    navigateTo({ url: `/survey/pages/trend/index?villageId=${row.villageId}` });
                  }}
                >
                  历次变化 ›
                </Text>
              </View>
            ))}
            <TownPageControl id="compare-pager" pager={pager} next={c.next} total={c.villageTotal} />
          </View>
        )
      }
    </RequestView>
  );
}
