import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { DisclosureDetail } from '@common/contracts/disclosure';
import { CATEGORY_LABELS } from '@common/contracts/labels';
import { formatChinaDateTime } from '@common/clock';
import { formatDaysLate } from '@common/format';
import { Attachments } from '@/features/shared/Attachments';
import { FinanceTotals } from './FinanceTotals';
import { LineItems } from './LineItems';
import { VersionBanner, VersionList } from './Versions';
import { longDate, periodLabel } from './labels';

export function DisclosureDetailView({
  d,
  canCorrect,
  onAskItem,
  children,
}: {
  d: DisclosureDetail;
  canCorrect: boolean;
  /** Offers 我要反映 on each line item (another context's page opens). */
  onAskItem?: (index: number) => void;
  /** Shown after the attachments (e.g. the questions about this disclosure). */
  children?: ReactNode;
}) {
  const latest = d.version === d.latestVersion;
  return (
    <View className={`disclosure-detail category-${d.category}`}>
      <VersionBanner d={d} />
      <View className="card detail-head">
        <View className="card-meta">
          <Text className={`badge badge-${d.category}`}>{CATEGORY_LABELS[d.category]}</Text>
          <Text id="detail-period" className="period-label">
            {periodLabel(d.periodKey)}
          </Text>
          {d.major ? <Text className="badge badge-major">重大事项</Text> : null}
          {d.daysLate > 0 ? (
            <Text id="detail-days-late" className="badge badge-late-published">
              {formatDaysLate(d.daysLate)}
            </Text>
          ) : null}
        </View>
        <Text id="detail-title" className="detail-title">
          {d.title}
        </Text>
        <Text className="detail-meta">发布人：{d.publisherName}</Text>
        <Text id="detail-published" className="detail-meta">
          {d.version > 1 ? '本版发布于' : '发布于'}：{formatChinaDateTime(d.publishedAt)}
        </Text>
        {d.occurredOn ? (
          <Text className="detail-meta">事项发生（决定）日期：{longDate(d.occurredOn)}</Text>
        ) : null}
      </View>
      {d.totals ? (
        <View className="card">
          <Text className="section-title">本月收支合计</Text>
          <FinanceTotals totals={d.totals} />
        </View>
      ) : null}
      {d.body ? (
        <View className="card">
          <Text id="detail-body" className="detail-body" userSelect>
            {d.body}
          </Text>
        </View>
      ) : null}
      {d.items.length ? (
        <View className="card">
          <LineItems items={d.items} onAsk={onAskItem} />
        </View>
      ) : null}
      <Attachments items={d.attachments} />
      {children}
      <VersionList d={d} />
      {canCorrect && latest ? (
        <View className="actions">
          <Button
            id="detail-correct"
            type="primary"
            fill="outline"
            block
            onClick={() => Taro.navigateTo({ url: `/cadre/correct/index?seriesId=${d.seriesId}` })}
          >
            更正这条公开
          </Button>
        </View>
      ) : null}
    </View>
  );
}
