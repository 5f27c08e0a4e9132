import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { formatChinaDateTime } from '@common/clock';
import { REPORT_STALE_DRAFT_DAYS, type DeliveryStatus, type ReportDetail } from '@common/contracts/report';
import { call } from '@/services/api';
import { ShareButton } from '@/features/shared/ShareButton';
import { NotFoundView, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { openDisclosure } from '@/features/disclosure/navigation';
import { RaiseLink } from '@/features/oversight/RaiseLink';
import { ReportBody } from './ReportBody';
import { askToSubscribe } from './subscribe';
import { MISSING_REPORT, monthLabel, noticeUrl, reportShare } from './format';
import { DeliveryLine, PublishBox } from './PublishBox';

/** One month's report: its content, its reach, and (for the cadres, while a draft) the review. */
export function ReportScreen({ id }: { id: string }) {
  const [published, setPublished] = useState<{ report: ReportDetail; delivery: DeliveryStatus } | null>(null);
  const req = useRequest(() => call('report', 'getReport', { reportId: id }), [id], { enabled: !!id });
  const [refreshed, setRefreshed] = useState<ReportDetail | null>(null);
  const report = published?.report ?? refreshed ?? req.data;
  const delivery = useRequest(
    () => call('report', 'deliveryStatus', { subjectId: id }),
    [id, report?.status],
    { enabled: !!report && report.readCount !== null && report.status === 'published' && !published },
  );

  useShareAppMessage(() => reportShare(id, report));
  // A draft is for the cadres only: a card shared from it would open on "not found" for others.
  const shareable = report?.status === 'published';
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !report) return;
    if (shareable) void Taro.showShareMenu({ withShareTicket: false });
    else void Taro.hideShareMenu();
  }, [report, shareable]);

  // A hand-typed or stale link without an id: nothing to load, so say so at once.
  if (!id) return <NotFoundView missing={MISSING_REPORT} />;
  return (
    <RequestView state={{ ...req, data: report }} missing={MISSING_REPORT}>
      {(r) => (
        <View>
          <View className="card">
            <Text className="report-title" id="report-title">
              {r.content.villageName}
              {monthLabel(r.month)}村情月报
            </Text>
            <Text className="report-sub">
              {r.status === 'published'
                ? `${r.publisherName ?? ''} 发布于 ${formatChinaDateTime(r.publishedAt as string)}`
                : `草稿 · 汇总于 ${formatChinaDateTime(r.contentAsOf)}，尚未发布`}
            </Text>
            {r.stale ? (
              <Text className="report-line report-bad" id="report-stale">
                本月村情月报草稿已超过{REPORT_STALE_DRAFT_DAYS}天未发布（已等待 {r.waitingDays} 天），
                {r.flaggedAt
                  ? `镇纪委已于${formatChinaDateTime(r.flaggedAt)}收到提醒。`
                  : '系统将提醒镇纪委。'}
              </Text>
            ) : null}
            {r.canPublish ? <Text className="report-sub">请核对下面的内容，然后在页面底部发布。</Text> : null}
            {r.readCount !== null ? (
              <Text className="report-sub" id="report-reads">
                已有 {r.readCount} 位村民阅读
              </Text>
            ) : null}
            {published ? (
              <DeliveryLine status={published.delivery} />
            ) : delivery.data ? (
              <DeliveryLine status={delivery.data} />
            ) : null}
            {r.note ? <Text className="report-note">村两委的话：{r.note}</Text> : null}
          </View>
          {r.changes ? (
            <View className="card report-changes" id="report-changes">
              <Text className="report-h2">依据的公开内容有更新</Text>
              <Text className="report-sub">
                {formatChinaDateTime(r.changes.at)} 已按最新公开内容重新汇总，变化如下：
              </Text>
              {r.changes.lines.map((line) => (
                <Text key={line} className="report-line">
                  · {line}
                </Text>
              ))}
            </View>
          ) : null}
          <ReportBody
            content={r.content}
            onOpenDisclosure={(s) => openDisclosure(s)}
            onOpenNotice={(n) => Taro.navigateTo({ url: noticeUrl(n) })}
          />
          {r.canPublish ? (
            <PublishBox
              report={r}
              onDone={(rep, d) => setPublished({ report: rep, delivery: d })}
              onRefreshed={setRefreshed}
            />
          ) : null}
          {r.status === 'published' ? (
            <View className="report-stack report-actions">
              <ShareButton id="share-report" />
              <Button
                id="subscribe-next"
                type="primary"
                fill="outline"
                block
                onClick={() => askToSubscribe(['monthlyReport']).catch(() => null)}
              >
                下期月报发布时提醒我
              </Button>
              {r.readCount !== null ? (
                <Button
                  id="print-report"
                  fill="outline"
                  block
                  onClick={() =>
                    Taro.navigateTo({
                      url: `/report/pages/print/index?id=${encodeURIComponent(r.reportId)}`,
                    })
                  }
                >
                  打印版（A4，发给不用手机的老人）
                </Button>
              ) : null}
            </View>
          ) : null}
          {r.status === 'published' ? (
            <RaiseLink
              villageId={r.villageId}
              subject={{ reportId: r.reportId }}
              title={`${monthLabel(r.month)}村情月报`}
            />
          ) : null}
        </View>
      )}
    </RequestView>
  );
}
