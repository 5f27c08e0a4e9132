import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  REPORT_STALE_DRAFT_DAYS,
  type ReportSummary,
  type SubscriptionState,
} from '@common/contracts/report';
import { formatYuan } from '@common/money';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { askToSubscribe } from './subscribe';
import { monthLabel, reportUrl } from './format';

export function SubscribeCard() {
  const subs = useRequest(() => call('report', 'mySubscriptions', {}), []);
  const [override, setOverride] = useState<SubscriptionState[] | null>(null);
  const list = override ?? subs.data?.subscriptions;
  const report = list?.find((s) => s.template === 'monthlyReport');
  const subscribed = !!report && (report.longTerm || report.remaining > 0);
  return (
    <View className="card" id="subscribe-card">
      <Text className="report-h2">每月收到本村月报</Text>
      <Text className="report-line">
        {subscribed
          ? `已订阅：下一期月报发布时，微信会通知您（还可收到 ${report?.remaining ?? 0} 次）。`
          : '在外务工也能及时了解村里的收支和大事。订阅后，下一期月报发布时微信会通知您一次。'}
      </Text>
      <Button
        id="subscribe-report"
        type="primary"
        block
        onClick={async () => {
          const out = await askToSubscribe(['monthlyReport', 'notice']).catch(() => null);
          if (out) setOverride(out);
        }}
      >
        {subscribed ? '再订阅一次' : '订阅村情月报和通知'}
      </Button>
    </View>
  );
}

/**
 * For the village's cadres: the month's draft has waited too long. It says the town was told
 * only when the reminder was recorded (the town sees the same reminder on its page).
 */
function StaleDraftBanner({ report }: { report: ReportSummary }) {
  return (
    <View
      className="report-banner report-banner-bad tap"
      id="stale-draft-banner"
      onClick={() => Taro.navigateTo({ url: reportUrl(report.reportId) })}
    >
      <Text className="report-banner-title">本月村情月报草稿已超过{REPORT_STALE_DRAFT_DAYS}天未发布</Text>
      <Text className="report-line">
        {monthLabel(report.month)}月报已等待 {report.waitingDays} 天，
        {report.flaggedAt
          ? `镇纪委已于${formatChinaDateTime(report.flaggedAt)}收到提醒。`
          : '系统将提醒镇纪委。'}
        请尽快审核发布，在外的乡亲们在等着看。
      </Text>
      <Text className="link">去审核发布 ›</Text>
    </View>
  );
}

export function Archive({ villageId, flagStale = true }: { villageId?: string; flagStale?: boolean }) {
  const list = useRequest(() => call('report', 'listReports', { villageId, limit: 24 }), [villageId]);
  useReloadOnShow(list.reload);
  return (
    <RequestView state={list}>
      {(d) =>
        d.items.length === 0 ? (
          <EmptyState title="还没有发布月报" hint="每月初自动汇总上月村情，村干部审核后发布。" />
        ) : (
          <View id="report-archive">
            {d.items
              .filter((r) => flagStale && r.status === 'draft' && r.stale)
              .map((r) => (
                <StaleDraftBanner key={`stale-${r.reportId}`} report={r} />
              ))}
            {d.items.map((r) => (
              <View
                key={r.reportId}
                id={`report-${r.month}`}
                className="card tap report-card"
                onClick={() => Taro.navigateTo({ url: reportUrl(r.reportId) })}
              >
                <View className="card-row">
                  <Text className="card-title">{monthLabel(r.month)}村情月报</Text>
                  {r.status === 'draft' ? (
                    <Text className="report-badge">{r.stale ? '待发布·已超期' : '待审核发布'}</Text>
                  ) : null}
                </View>
                {r.totals ? (
                  <Text className="report-sub">
                    收入 {formatYuan(r.totals.incomeFen)} · 支出 {formatYuan(r.totals.expenseFen)}
                  </Text>
                ) : (
                  <Text className="report-sub">本月未公开财务</Text>
                )}
              </View>
            ))}
          </View>
        )
      }
    </RequestView>
  );
}
