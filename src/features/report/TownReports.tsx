import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ReportSummary } from '@common/contracts/report';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { useFormSubmit } from '@/features/shared/forms';
import { TownPageControl, useTownPager } from '@/features/shared/TownPager';
import { MonthPicker } from './MonthPicker';
import { monthLabel, reportUrl } from './format';

function statusText(r: ReportSummary | null): string {
  if (!r) return '未生成 · 点此生成草稿';
  if (r.status === 'published') return `已发布 · ${formatChinaDateTime(r.publishedAt as string)}`;
  if (r.flaggedAt) return `超期未发布 · 已提醒镇纪委（等待 ${r.waitingDays} 天）`;
  return r.stale ? `超期未发布（等待 ${r.waitingDays} 天）` : `草稿待发布（等待 ${r.waitingDays} 天）`;
}

/** The town's page: a picked month's report of each village, a page at a time, and the reminders received. */
export function TownView() {
  const [month, setMonth] = useState<string | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const form = useFormSubmit();
  const pager = useTownPager();
  const { cursor } = pager;
  const town = useRequest(
    () => call('report', 'townReports', { ...(month ? { month } : {}), ...(cursor ? { cursor } : {}) }),
    [month, cursor],
  );
  useReloadOnShow(town.reload);
  const open = async (villageId: string, report: ReportSummary | null, picked: string) => {
    if (report) return Taro.navigateTo({ url: reportUrl(report.reportId) });
    setOpening(villageId);
    await form.run(
      async () => {
        const draft = await call('report', 'draftReport', { villageId, month: picked });
        await Taro.navigateTo({ url: reportUrl(draft.reportId) });
      },
      async (err) => {
        await Taro.showModal({ title: '生成失败', content: err.message, showCancel: false });
      },
    );
    setOpening(null);
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
                <Text className="link">{form.busy && opening === v.villageId ? '正在生成…' : '查看 ›'}</Text>
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
