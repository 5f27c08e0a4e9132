import { View, Text } from '@tarojs/components';
import type { CadenceStatus, Gap } from '@common/contracts/disclosure';
import { STATE_CLASS, gapText, lateMajorText, stateHeadline } from './labels';
import './status.scss';

/** 按时公开, 有重大事项迟报, or 有N项逾期 with what is late and by when it was due. */
export function StatusCard({
  status,
  showDueSoon,
  onOpenGap,
}: {
  status: CadenceStatus;
  showDueSoon?: boolean;
  /** A cadre's 公开进度: each missing period opens the form to publish it. */
  onOpenGap?: (gap: Gap) => void;
}) {
  const gapLine = (g: Gap, overdue: boolean) => {
    const key = `${g.category}:${g.periodKey}`;
    const cls = overdue ? 'overdue-item' : 'due-soon-item';
    if (!onOpenGap)
      return (
        <Text key={key} className={cls}>
          {gapText(g, overdue)}
        </Text>
      );
    return (
      <View
        key={key}
        id={`gap-${g.category}-${g.periodKey}`}
        className={`${cls} gap-link tap`}
        onClick={() => onOpenGap(g)}
      >
        <Text>{gapText(g, overdue)}</Text>
        <Text className="link gap-action">去发布 ›</Text>
      </View>
    );
  };
  return (
    <View className={`status-card status-${STATE_CLASS[status.state]}`} data-state={status.state}>
      <Text className="status-headline">{stateHeadline(status)}</Text>
      {status.overdue.length ? (
        <View className="overdue-list">{status.overdue.map((g) => gapLine(g, true))}</View>
      ) : status.state === 'onTime' ? (
        <Text className="status-hint">党务、村务、财务均已按规定时间公开</Text>
      ) : (
        <Text className="status-hint">例行公开均已按时，但有重大事项未在规定时间内公开</Text>
      )}
      {status.lateMajor.length ? (
        <View className="late-major-list">
          {status.lateMajor.map((m) => (
            <Text key={m.seriesId} className="late-major-item">
              {lateMajorText(m)}
            </Text>
          ))}
        </View>
      ) : null}
      {showDueSoon && status.dueSoon.length ? (
        <View className="due-soon-list">{status.dueSoon.map((g) => gapLine(g, false))}</View>
      ) : null}
    </View>
  );
}
