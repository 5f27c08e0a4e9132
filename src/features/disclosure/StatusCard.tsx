import { View, Text } from '@tarojs/components';
import type { CadenceStatus } from '@common/contracts/disclosure';
import { gapText } from './labels';

/** 按时公开, or 有N项逾期 with what is late and by when it was due. */
export function StatusCard({ status, showDueSoon }: { status: CadenceStatus; showDueSoon?: boolean }) {
  const late = status.overdue.length;
  return (
    <View className={`status-card ${status.state === 'overdue' ? 'status-overdue' : 'status-ontime'}`}>
      <Text className="status-headline">{late ? `有${late}项逾期` : '按时公开'}</Text>
      {late ? (
        <View className="overdue-list">
          {status.overdue.map((g) => (
            <Text key={`${g.category}:${g.periodKey}`} className="overdue-item">
              {gapText(g, true)}
            </Text>
          ))}
        </View>
      ) : (
        <Text className="status-hint">党务、村务、财务均已按规定时间公开</Text>
      )}
      {status.lateMajor.length ? (
        <View className="late-major-list">
          {status.lateMajor.map((m) => (
            <Text key={m.seriesId} className="late-major-item">
              重大事项《{m.title}》晚公开{m.daysLate}天
            </Text>
          ))}
        </View>
      ) : null}
      {showDueSoon && status.dueSoon.length ? (
        <View className="due-soon-list">
          {status.dueSoon.map((g) => (
            <Text key={`${g.category}:${g.periodKey}`} className="due-soon-item">
              {gapText(g, false)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
