import '@/features/report/report.scss';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { formatChinaDateTime } from '@common/clock';
import {
  deliveryLines,
  REPORT_STALE_DRAFT_DAYS,
  type DeliveryStatus,
  type ReportDetail,
} from '@common/contracts/report';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { ShareButton } from '@/features/shared/ShareButton';
import { confirmStep } from '@/features/shared/confirm';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest, toApiError } from '@/features/shared/useRequest';
import { openDisclosure } from '@/features/disclosure/navigation';
import { ReportBody } from '@/features/report/ReportBody';
import { askToSubscribe } from '@/features/report/subscribe';
import { monthLabel, noticeUrl, reportShare } from '@/features/report/format';
import { RaiseLink } from '@/features/oversight/RaiseLink';
import { showModal, showToast } from '../../../features/shared/nav';

/** Every person of the village in exactly one line; the lines add up to the total shown. */
function DeliveryLine({ status }: { status: DeliveryStatus }) {
  const { total, lines } = deliveryLines(status);
  return (
    <Text className="report-sub" id="delivery-status">
      订阅消息：{status.state === 'done' ? '已发送完毕' : '发送中'}，共 {total} 人（
      {lines.map((l) => `${l.label} ${l.count}`).join('，') || '无'}）
    </Text>
  );
}

function PublishBox({
  report,
  onDone,
  onRefreshed,
}: {
  report: ReportDetail;
  onDone: (r: ReportDetail, d: DeliveryStatus) => void;
  onRefreshed: (r: ReportDetail) => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <View className="card" id="publish-box">
      <Text className="report-h2">审核并发布</Text>
      <Text className="report-sub">
        本月报由系统根据本村公开数据自动汇总。可补充一段说明，发布后将通知已订阅的村民。
      </Text>
      <Textarea
        id="report-note"
        className="report-textarea"
        value={note}
        maxlength={500}
        placeholder="给乡亲们的话（选填）"
        onInput={(e) => setNote(e.detail.value)}
      />
      <View className="report-stack">
        <Button
          id="refresh-draft"
          block
          fill="outline"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const fresh = await call('report', 'draftReport', {
                villageId: report.villageId,
                month: report.month,
              });
              onRefreshed(fresh);
              showToast({
                title:
                  fresh.contentAsOf === report.contentAsOf
                    ? '内容已是最新，无需更新'
                    : '已按最新公开内容重新汇总',
                icon: 'none',
              });
            } catch (e) {
              showModal({ title: '汇总失败', content: toApiError(e).message, showCancel: false });
            } finally {
              setBusy(false);
            }
          }}
        >
          按最新公开内容重新汇总
        </Button>
        <Button
          id="publish-report"
          type="primary"
          block
          loading={busy}
          onClick={async () => {
            // A published report is final and notifies the subscribers: ask once.
            const ok = await confirmStep({
              title: '确认发布',
              content: `发布后${monthLabel(report.month)}村情月报不能再修改，并会通知已订阅的村民。确定发布吗？`,
              confirmText: '发布',
            });
            if (!ok) return;
            setBusy(true);
            try {
              const out = await call('report', 'publishReport', {
                reportId: report.reportId,
                note,
                seenAsOf: report.contentAsOf,
              });
              showToast({ title: '已发布', icon: 'success' });
              onDone(out.report, out.delivery);
            } catch (e) {
              const err = toApiError(e);
              if (err.code === 'VERSION_CONFLICT') {
                // The sources changed since this page was opened: show the new content first.
                const fresh = await call('report', 'getReport', { reportId: report.reportId }).catch(
                  () => null,
                );
                if (fresh) onRefreshed(fresh);
              }
              showModal({ title: '发布失败', content: err.message, showCancel: false });
            } finally {
              setBusy(false);
            }
          }}
        >
          发布月报
        </Button>
      </View>
    </View>
  );
}

export default function ReportPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
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

  return (
    <Screen id="page-report">
      <RequestView state={{ ...req, data: report }}>
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
              {r.canPublish ? (
                <Text className="report-sub">请核对下面的内容，然后在页面底部发布。</Text>
              ) : null}
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
    </Screen>
  );
}
