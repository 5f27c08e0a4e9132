import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import {
  deliveryLines,
  QUOTA_WAIT_TEXT,
  type DeliveryStatus,
  type ReportDetail,
} from '@common/contracts/report';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { useFormSubmit } from '@/features/shared/forms';
import { showModal, showToast } from '@/features/shared/nav';
import { monthLabel } from './format';

/** Every person of the village in exactly one line; the lines add up to the total shown. */
export function DeliveryLine({ status }: { status: DeliveryStatus }) {
  const { total, lines } = deliveryLines(status);
  const progress =
    status.state === 'done' ? '已发送完毕' : status.quotaPausedUntil ? QUOTA_WAIT_TEXT : '发送中';
  return (
    <Text className="report-sub" id="delivery-status">
      订阅消息：{progress}，共 {total} 人（
      {lines.map((l) => `${l.label} ${l.count}`).join('，') || '无'}）
    </Text>
  );
}

/** The cadres' review of the month's draft: summarise again from the latest disclosures, or publish. */
export function PublishBox({
  report,
  onDone,
  onRefreshed,
}: {
  report: ReportDetail;
  onDone: (r: ReportDetail, d: DeliveryStatus) => void;
  onRefreshed: (r: ReportDetail) => void;
}) {
  const [note, setNote] = useState('');
  const form = useFormSubmit();

  const refresh = () =>
    form.run(
      async () => {
        const fresh = await call('report', 'draftReport', {
          villageId: report.villageId,
          month: report.month,
        });
        onRefreshed(fresh);
        showToast({
          title:
            fresh.contentAsOf === report.contentAsOf ? '内容已是最新，无需更新' : '已按最新公开内容重新汇总',
          icon: 'none',
        });
      },
      (err) => showModal({ title: '汇总失败', content: err.message, showCancel: false }),
    );

  const publish = async () => {
    // A published report is final and notifies the subscribers: ask once.
    const ok = await confirmStep({
      title: '确认发布',
      content: `发布后${monthLabel(report.month)}村情月报不能再修改，并会通知已订阅的村民。确定发布吗？`,
      confirmText: '发布',
    });
    if (!ok) return;
    await form.run(
      async () => {
        const out = await call('report', 'publishReport', {
          reportId: report.reportId,
          note,
          seenAsOf: report.contentAsOf,
        });
        showToast({ title: '已发布', icon: 'success' });
        onDone(out.report, out.delivery);
      },
      async (err) => {
        if (err.code === 'VERSION_CONFLICT') {
          // The sources changed since this page was opened: show the new content first.
          const fresh = await call('report', 'getReport', { reportId: report.reportId }).catch(() => null);
          if (fresh) onRefreshed(fresh);
        }
        showModal({ title: '发布失败', content: err.message, showCancel: false });
      },
    );
  };

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
        <Button id="refresh-draft" block fill="outline" loading={form.busy} onClick={() => void refresh()}>
          按最新公开内容重新汇总
        </Button>
        <Button id="publish-report" type="primary" block loading={form.busy} onClick={() => void publish()}>
          发布月报
        </Button>
      </View>
    </View>
  );
}
