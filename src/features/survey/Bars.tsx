import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { SurveyIndicatorResult } from '@common/contracts/survey';
import { pct, statusClass } from './format';

/**
 * The head (what is rated, its rate, met or not) and the bar of one approval rate against the
 * required line; with `showInterval`, the 95% interval on the bar.
 */
export function RateBar({
  label,
  r,
  showInterval = false,
}: {
  label: ReactNode;
  r: Pick<
    SurveyIndicatorResult,
    'approvalRate' | 'status' | 'certainty' | 'statusLabel' | 'threshold' | 'interval'
  >;
  showInterval?: boolean;
}) {
  return (
    <>
      <View className="sv-bar-head">
        {label}
        <View className="card-meta">
          <Text className="sv-rate">{pct(r.approvalRate)}</Text>
          <Text className={statusClass(r)}>{r.statusLabel}</Text>
        </View>
      </View>
      <View className="sv-bar-track">
        <View className={`sv-bar-fill ${r.status}`} style={{ width: `${(r.approvalRate ?? 0) * 100}%` }} />
        {showInterval && r.interval ? (
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
    </>
  );
}

/**
 * One bar per indicator: the approval rate and the required line (90%). Villagers read the
 * result in plain words (rate, how many answered, met or not, or that it cannot yet be told);
 * the town's view adds the 95% interval on the bar and in words.
 */
export function IndicatorBar({ r, town }: { r: SurveyIndicatorResult; town: boolean }) {
  return (
    <View className="sv-bar-row" id={`bar-${r.indicatorId}`}>
      <RateBar label={<Text className="sv-bar-name">{r.name}</Text>} r={r} showInterval={town} />
      <Text className="sv-statement sv-plain">{r.plain}</Text>
      {town ? (
        <>
          <Text className="sv-statement">
            回答 {r.answers} 人，应参评 {r.eligible} 人，回答率 {pct(r.responseRate)}
          </Text>
          <Text className="sv-statement sv-interval">{r.statement}</Text>
        </>
      ) : null}
    </View>
  );
}

export function IndicatorBars({ results, town }: { results: SurveyIndicatorResult[]; town: boolean }) {
  return (
    <View className="card" id="survey-bars">
      <View className="card-row">
        <Text className="section-title">各项指标满意率</Text>
        <Text className="sv-hint">黑色竖线为 90% 达标线</Text>
      </View>
      {results.map((r) => (
        <IndicatorBar key={r.indicatorId} r={r} town={town} />
      ))}
    </View>
  );
}
