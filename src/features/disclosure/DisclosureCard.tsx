import { View, Text } from '@tarojs/components';
import type { DisclosureSummary } from '@common/contracts/disclosure';
import { formatDaysLate, formatDayOf } from '@common/format';
import { FinanceTotals } from './FinanceTotals';
import { CATEGORY_SHORT, periodLabel } from './labels';
import { openDisclosure } from './navigation';

export function DisclosureCard({ item }: { item: DisclosureSummary }) {
  return (
    <View
      className={`disclosure-card card tap category-${item.category}`}
      data-series={item.seriesId}
      onClick={() => openDisclosure(item.seriesId)}
    >
      <View className="card-meta">
        <Text className={`badge badge-${item.category}`}>{CATEGORY_SHORT[item.category]}</Text>
        <Text className="period-label">{periodLabel(item.periodKey)}</Text>
        {item.major ? <Text className="badge badge-major">重大事项</Text> : null}
        {item.version > 1 ? <Text className="badge corrected-mark">已更正</Text> : null}
        {item.daysLate > 0 ? (
          <Text className="badge badge-late-published">{formatDaysLate(item.daysLate)}</Text>
        ) : null}
      </View>
      <Text className="card-title">{item.title}</Text>
      {item.totals ? <FinanceTotals totals={item.totals} compact /> : null}
      <Text className="card-time">发布于 {formatDayOf(item.firstPublishedAt)}</Text>
    </View>
  );
}
