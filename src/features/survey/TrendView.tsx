import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RateBar } from './Bars';

/** A village's indicators over its closed rounds, oldest first. */
export function TrendView({ villageId }: { villageId?: string }) {
  const trend = useRequest(() => call('survey', 'trend', { villageId }), [villageId]);
  return (
    <RequestView state={trend}>
      {(t) =>
        t.rounds.length === 0 ? (
          <EmptyState title="还没有结束的测评" />
        ) : (
          <View id="survey-trend-view">
            <View className="home-head">
              <Text className="home-village">{t.villageName}历次测评</Text>
            </View>
            {(t.rounds[0]?.indicators ?? []).map((ind) => (
              <View key={ind.indicatorId} className="card">
                <Text className="section-title">{ind.name}</Text>
                {t.rounds.map(({ round, indicators }) => {
                  const r = indicators.find((x) => x.indicatorId === ind.indicatorId);
                  if (!r) return null;
                  return (
                    <View key={round.id} className="sv-bar-row">
                      <RateBar label={<Text>{round.periodLabel}</Text>} r={r} />
                    </View>
                  );
                })}
              </View>
            ))}
          </View>
        )
      }
    </RequestView>
  );
}
