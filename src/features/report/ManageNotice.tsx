import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { reportInputs, type NoticeDetail } from '@common/contracts/report';
import { call } from '@/services/api';
import { useFormSubmit } from '@/features/shared/forms';
import { showToast } from '@/features/shared/nav';

/** Cadres of the village: unpin, correct (a new version), withdraw with a reason. */
export function ManageNotice({
  notice,
  onChanged,
}: {
  notice: NoticeDetail;
  onChanged: (n: NoticeDetail) => void;
}) {
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const form = useFormSubmit();
  const error = form.firstMessage;
  const done = (n: NoticeDetail, what: string) => {
    onChanged(n);
    setWithdrawing(false);
    showToast({ title: what, icon: 'success' });
  };
  if (notice.withdrawn) return null;
  return (
    <View className="card" id="notice-manage">
      <Text className="report-h3">管理这条通知</Text>
      {withdrawing ? (
        <View>
          <Text className="report-sub">
            撤回后村民仍能看到这条通知，但会标明“已撤回”和撤回原因；尚未发出的订阅消息不再发送。
          </Text>
          <Textarea
            id="withdraw-reason"
            className="report-textarea"
            value={reason}
            maxlength={200}
            placeholder="撤回原因（必填），例如：时间有变，另行通知"
            onInput={(e) => setReason(e.detail.value)}
          />
          {error ? (
            <Text className="report-line report-bad" id="manage-error">
              {error}
            </Text>
          ) : null}
          <View className="report-stack">
            <Button
              id="confirm-withdraw"
              type="danger"
              block
              loading={form.busy}
              onClick={() =>
                void form.submit(
                  reportInputs.withdrawNotice,
                  { noticeId: notice.noticeId, reason },
                  async (i) => done(await call('report', 'withdrawNotice', i), '已撤回'),
                )
              }
            >
              确认撤回
            </Button>
            <Button block fill="outline" onClick={() => setWithdrawing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="report-stack">
          {notice.pinned ? (
            <Button
              id="unpin-notice"
              block
              fill="outline"
              loading={form.busy}
              onClick={() =>
                void form.run(async () =>
                  done(await call('report', 'unpinNotice', { noticeId: notice.noticeId }), '已取消置顶'),
                )
              }
            >
              取消置顶
            </Button>
          ) : null}
          <Button
            id="correct-notice"
            block
            fill="outline"
            onClick={() =>
              Taro.navigateTo({
                url: `/report/pages/notice-new/index?correct=${encodeURIComponent(notice.noticeId)}`,
              })
            }
          >
            更正内容（保留原版本）
          </Button>
          <Button
            id="withdraw-notice"
            block
            fill="outline"
            type="danger"
            onClick={() => setWithdrawing(true)}
          >
            撤回通知
          </Button>
          {error ? <Text className="report-line report-bad">{error}</Text> : null}
        </View>
      )}
    </View>
  );
}
