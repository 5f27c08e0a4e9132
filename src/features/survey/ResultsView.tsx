import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { isTownAdmin, useMe } from '@/features/account/session';
import { NotFoundView, RequestView, type MissingRecord } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { IndicatorBars } from './Bars';
import { pct } from './format';
import { PaperTrace } from './PaperTrace';

/** A round that cannot be found: back to the village home, where the survey is reached. */
const MISSING_ROUND: MissingRecord = {
  title: '找不到这次测评',
  backLabel: '返回首页',
  backUrl: '/pages/home/index',
  tab: true,
};

export function ResultsView({ roundId }: { roundId: string }) {
  const results = useRequest(() => call('survey', 'results', { roundId }), [roundId], { enabled: !!roundId });
  const me = useMe();
  const town = isTownAdmin(me.data?.binding);
  if (!roundId) return <NotFoundView missing={MISSING_ROUND} />;
  return (
    <RequestView state={results} missing={MISSING_ROUND}>
      {(r) => (
        <View id="survey-results">
          <View className="home-head">
            <Text className="home-village">
              {r.round.villageName}
              {r.round.periodLabel}
            </Text>
            <Text className="sv-hint">满意度测评结果</Text>
          </View>
          <View className="card">
            <Text className="sv-stat-line" id="survey-turnout">
              参加 {r.round.ballots} 人，参评名单 {r.round.eligibleVoters} 人，参与率{' '}
              {pct(r.round.participation)}
            </Text>
            {r.round.validity === 'invalid' ? (
              <Text className="sv-hint sv-invalid" id="survey-invalid">
                本轮参与的人太少（{r.round.validityLabel}），结果不作为本村的测评结果。
              </Text>
            ) : null}
            <PaperTrace paperBy={r.round.paperBy} />
            <Text className="sv-hint">
              {r.published
                ? `回答人数少于 ${r.round.minGroup} 人的指标不公布结果，以保护答题人。`
                : '测评还在进行，结束后公布各项结果。'}
            </Text>
          </View>
          {r.published ? <IndicatorBars results={r.indicators} town={town} /> : null}
        </View>
      )}
    </RequestView>
  );
}
