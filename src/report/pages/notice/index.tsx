import '@/features/report/report.scss';
import { View, Text, Image, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { formatChinaDateTime } from '@common/clock';
import { reportInputs, type NoticeDetail } from '@common/contracts/report';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { dateLabel, noticeShare, noticeUrl } from '@/features/report/format';
import { RaiseLink } from '@/features/oversight/RaiseLink';
import { showToast } from '../../../features/shared/nav';

/** Cadres of the village: unpin, correct (a new version), withdraw with a reason. */
function ManageNotice({ notice, onChanged }: { notice: NoticeDetail; onChanged: (n: NoticeDetail) => void }) {
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<NoticeDetail>, done: string) => {
    setBusy(true);
    setError('');
    try {
      onChanged(await work());
      setWithdrawing(false);
      showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
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
              loading={busy}
              onClick={() => {
                const parsed = reportInputs.withdrawNotice.safeParse({ noticeId: notice.noticeId, reason });
                if (!parsed.success) {
                  setError(parsed.error.issues[0]?.message ?? '请填写撤回原因');
                  return;
                }
                void run(() => call('report', 'withdrawNotice', parsed.data), '已撤回');
              }}
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
              loading={busy}
              onClick={() =>
                run(() => call('report', 'unpinNotice', { noticeId: notice.noticeId }), '已取消置顶')
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

export default function NoticePage() {
  const params = useRouter().params;
  const id = decodeURIComponent(params.id ?? '');
  const version = params.v ? Number(params.v) : undefined;
  const req = useRequest(
    () => call('report', 'getNotice', { noticeId: id, ...(version ? { version } : {}) }),
    [id, version],
    { enabled: !!id },
  );
  const [changed, setChanged] = useState<NoticeDetail | null>(null);
  const notice = changed ?? req.data;
  // Back from a correction: show the new version.
  useReloadOnShow(() => {
    setChanged(null);
    req.reload();
  });
  useShareAppMessage(() => noticeShare(id, notice));
  return (
    <Screen id="page-notice">
      <RequestView state={{ ...req, data: notice }}>
        {(n) => (
          <View>
            {n.withdrawal ? (
              <View className="report-banner report-banner-bad" id="notice-withdrawn">
                <Text className="report-banner-title">此通知已撤回</Text>
                <Text className="report-line">
                  {n.withdrawal.byName} 于 {formatChinaDateTime(n.withdrawal.at)} 撤回，原因：
                  {n.withdrawal.reason}
                </Text>
              </View>
            ) : null}
            {n.shownVersion < n.version ? (
              <View className="report-banner" id="notice-old-version">
                <Text className="report-line">您在看第 {n.shownVersion} 版（已被更正）。</Text>
                <Text className="link" onClick={() => Taro.redirectTo({ url: noticeUrl(n.noticeId) })}>
                  查看最新版 ›
                </Text>
              </View>
            ) : null}
            <View className={`card${n.withdrawn ? ' notice-withdrawn' : ''}`}>
              <Text className="report-title" id="notice-title">
                {n.withdrawn ? <Text className="report-badge">已撤回</Text> : null}
                {n.title}
              </Text>
              <Text className="report-sub">
                {n.publisherName} 发布于 {formatChinaDateTime(n.publishedAt)}
                {n.expiresOn ? ` · 有效至 ${dateLabel(n.expiresOn)}` : ''}
                {n.expired ? '（已过期）' : ''}
              </Text>
              {n.shownVersion > 1 ? (
                <Text className="report-sub" id="notice-correction">
                  第 {n.shownVersion} 版，更正于 {formatChinaDateTime(n.updatedAt)}，原因：{n.reason}
                </Text>
              ) : null}
              {n.readCount !== null ? (
                <Text className="report-sub" id="notice-reads">
                  已有 {n.readCount} 位村民阅读
                </Text>
              ) : null}
              <Text className="notice-body">{n.body}</Text>
              {n.pictures.map((p) => (
                <Image
                  key={p}
                  className="notice-picture"
                  src={p}
                  mode="widthFix"
                  onClick={() => Taro.previewImage({ urls: n.pictures, current: p })}
                />
              ))}
            </View>
            {n.versions.length > 1 ? (
              <View className="card" id="notice-versions">
                <Text className="report-h3">更正记录</Text>
                {n.versions.map((v) => (
                  <View
                    key={v.version}
                    className="report-item tap"
                    onClick={() =>
                      v.version !== n.shownVersion &&
                      Taro.redirectTo({ url: `${noticeUrl(n.noticeId)}&v=${v.version}` })
                    }
                  >
                    <Text className="report-item-name">
                      第 {v.version} 版{v.reason ? `：${v.reason}` : '（首次发布）'}
                      {v.version === n.shownVersion ? '（当前查看）' : ''}
                    </Text>
                    <Text className="report-item-meta">{formatChinaDateTime(v.publishedAt)}</Text>
                  </View>
                ))}
              </View>
            ) : null}
            {n.canManage && n.shownVersion === n.version ? (
              <ManageNotice notice={n} onChanged={setChanged} />
            ) : null}
            <RaiseLink villageId={n.villageId} subject={{ noticeId: n.noticeId }} title={n.title} />
          </View>
        )}
      </RequestView>
    </Screen>
  );
}
