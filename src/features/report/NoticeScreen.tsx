import { View, Text, Image } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { formatChinaDateTime } from '@common/clock';
import type { NoticeDetail } from '@common/contracts/report';
import { call } from '@/services/api';
import { NotFoundView, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { RaiseLink } from '@/features/oversight/RaiseLink';
import { dateLabel, MISSING_NOTICE, noticeShare, noticeUrl } from './format';
import { ManageNotice } from './ManageNotice';

/** One notice (a given version, or the latest), its corrections, and the cadres' management. */
export function NoticeScreen({ id, version }: { id: string; version?: number }) {
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
  if (!id) return <NotFoundView missing={MISSING_NOTICE} />;
  return (
    <RequestView state={{ ...req, data: notice }} missing={MISSING_NOTICE}>
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
  );
}
