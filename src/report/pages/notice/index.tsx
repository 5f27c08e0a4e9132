import '@/features/report/report.scss';
import { View, Text, Image } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';

export default function NoticePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const req = useRequest(() => call('report', 'getNotice', { noticeId: id }), [id], { enabled: !!id });
  useShareAppMessage(() => ({
    title: req.data?.title ?? '通知公告',
    path: `/report/pages/notice/index?id=${encodeURIComponent(id)}`,
  }));
  return (
    <Screen id="page-notice">
      <RequestView state={req}>
        {(n) => (
          <View className="card">
            <Text className="report-title" id="notice-title">
              {n.title}
            </Text>
            <Text className="report-sub">
              {n.publisherName} 发布于 {formatChinaDateTime(n.publishedAt)}
              {n.expiresOn ? ` · 有效至 ${n.expiresOn}` : ''}
            </Text>
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
        )}
      </RequestView>
    </Screen>
  );
}
