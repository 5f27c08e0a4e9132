import '@/features/report/report.scss';
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
import { Screen } from '@/features/shared/Screen';
import { EmptyState, ErrorView, Loading, RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { isTownAdmin, useMe, viewedVillage } from '@/features/account/session';
import { askToSubscribe } from '@/features/report/subscribe';
import { MonthPicker } from '@/features/report/MonthPicker';
import { monthLabel, reportUrl } from '@/features/report/format';
import { TownPageControl, useTownPager } from '@/features/shared/TownPager';

function SubscribeCard() {
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

function Archive({ villageId, flagStale = true }: { villageId?: string; flagStale?: boolean }) {
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

function statusText(r: ReportSummary | null): string {
  if (!r) return '未生成 · 点此生成草稿';
  if (r.status === 'published') return `已发布 · ${formatChinaDateTime(r.publishedAt as string)}`;
  if (r.flaggedAt) return `超期未发布 · 已提醒镇纪委（等待 ${r.waitingDays} 天）`;
  return r.stale ? `超期未发布（等待 ${r.waitingDays} 天）` : `草稿待发布（等待 ${r.waitingDays} 天）`;
}

/** The town's page: a picked month's report of each village, a page at a time, and the reminders received. */
function TownView() {
  const [month, setMonth] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const pager = useTownPager();
  const { cursor } = pager;
  const town = useRequest(
    () => call('report', 'townReports', { ...(month ? { month } : {}), ...(cursor ? { cursor } : {}) }),
    [month, cursor],
  );
  useReloadOnShow(town.reload);
  const open = async (villageId: string, report: ReportSummary | null, picked: string) => {
    if (report) return Taro.navigateTo({ url: reportUrl(report.reportId) });
    setBusy(villageId);
    try {
      const draft = await call('report', 'draftReport', { villageId, month: picked });
      await Taro.navigateTo({ url: reportUrl(draft.reportId) });
    } catch (e) {
      await Taro.showModal({ title: '生成失败', content: toApiError(e).message, showCancel: false });
    } finally {
      setBusy(null);
    }
  };
  return (
    <RequestView state={town}>
      {(t) => (
        <View id="town-reports">
          {t.reminders.length ? (
            <View className="card report-banner-bad" id="town-reminders">
              <Text className="report-h2">收到的提醒（{t.reminders.length}）</Text>
              <Text className="report-sub">
                以下村的月报草稿超过 {t.staleAfterDays} 天未发布，系统已提醒。点开可查看草稿。
              </Text>
              {t.reminders.map((r) => (
                <View
                  key={r.reportId}
                  className="tap report-line"
                  id={`reminder-${r.villageId}-${r.month}`}
                  onClick={() => Taro.navigateTo({ url: reportUrl(r.reportId) })}
                >
                  <Text>
                    {r.villageName} · {monthLabel(r.month)}月报已等待 {r.waitingDays} 天（提醒于{' '}
                    {formatChinaDateTime(r.remindedAt)}）›
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
          <View className="card">
            <Text className="report-h2" id="town-reports-title">
              {monthLabel(t.month)}各村月报
            </Text>
            <MonthPicker
              value={t.month}
              latest={t.latestMonth}
              onChange={(m) => {
                pager.reset();
                setMonth(m);
              }}
            />
            <Text className="report-sub">
              每页中草稿超过 {t.staleAfterDays} 天未发布的村排在前面。点一个村查看它的月报。
            </Text>
          </View>
          {t.villages.map((v) => (
            <View
              key={v.villageId}
              id={`town-report-${v.villageId}`}
              className="card tap"
              onClick={() => void open(v.villageId, v.report, t.month)}
            >
              <View className="card-row">
                <Text className="card-title">{v.villageName}</Text>
                <Text className="link">{busy === v.villageId ? '正在生成…' : '查看 ›'}</Text>
              </View>
              <Text className={v.stale ? 'report-badge' : 'report-sub'}>{statusText(v.report)}</Text>
            </View>
          ))}
          <TownPageControl id="town-reports-pager" pager={pager} next={t.next} total={t.villageTotal} />
        </View>
      )}
    </RequestView>
  );
}

export default function ReportsPage() {
  const me = useMe();
  if (!me.data)
    return (
      <Screen id="page-reports">
        {me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : <Loading />}
      </Screen>
    );
  const b = me.data.binding;
  if (!b)
    return (
      <Screen id="page-reports">
        <EmptyState title="您还没有加入村庄" hint="请先在“我的”页面加入村庄。" />
      </Screen>
    );
  if (isTownAdmin(b)) {
    const v = viewedVillage();
    return (
      <Screen id="page-reports">
        <TownView />
        {v ? <Archive villageId={v.id} flagStale={false} /> : null}
      </Screen>
    );
  }
  return (
    <Screen id="page-reports">
      <SubscribeCard />
      <Archive />
    </Screen>
  );
}
