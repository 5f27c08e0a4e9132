import { View, Text } from '@tarojs/components';
import type { SurveyIndicatorResult } from '@common/contracts/survey';
import { pct, STATUS_CLASS } from './format';

/** One bar per indicator: the approval rate, its 95% interval and the required line (90%). */
export function IndicatorBar({ r }: { r: SurveyIndicatorResult }) {
  const width = r.approvalRate === null ? 0 : r.approvalRate * 100;
  return (
    <View className="sv-bar-row" id={`bar-${r.indicatorId}`}>
      <View className="sv-bar-head">
        <Text className="sv-bar-name">{r.name}</Text>
        <View className="card-meta">
          <Text className="sv-rate">{pct(r.approvalRate)}</Text>
          <Text className={STATUS_CLASS[r.status]}>{r.statusLabel}</Text>
        </View>
      </View>
      <View className="sv-bar-track">
        <View className={`sv-bar-fill ${r.status}`} style={{ width: `${width}%` }} />
        {r.interval ? (
          <View
            className="sv-bar-ci"
            style={{
              left: `${r.interval.lower * 100}%`,
              width: `${(r.interval.upper - r.interval.lower) * 100}%`,
            }}
          />
        ) : null}
        <View className="sv-bar-line" style={{ left: `${r.threshold * 100}%` }} />
      </View>
      <Text className="sv-statement">
        回答 {r.answers} 人，应参评 {r.eligible} 人，回答率 {pct(r.responseRate)}
      </Text>
      <Text className="sv-statement">{r.statement}</Text>
    </View>
  );
}

export function IndicatorBars({ results }: { results: SurveyIndicatorResult[] }) {
  return (
    <View className="card" id="survey-bars">
      <View className="card-row">
        <Text className="section-title">各项指标满意率</Text>
        <Text className="sv-hint">黑色竖线为 90% 达标线</Text>
      </View>
      {results.map((r) => (
        <IndicatorBar key={r.indicatorId} r={r} />
      ))}
    </View>
  );
}
