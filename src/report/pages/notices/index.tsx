import '@/features/report/report.scss';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chinaDateKey } from '@common/clock';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { viewedVillage } from '@/features/account/session';
import { noticeUrl } from '@/features/report/format';

export default function NoticesPage() {
  const villageId = viewedVillage()?.id;
  const list = useRequest(() => call('report', 'listNotices', { villageId, limit: 50 }), [villageId], {
    cache: 'notices',
  });
  useReloadOnShow(list.reload);
  return (
    <Screen id="page-notices">
      <RequestView state={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title="暂无通知公告" />
          ) : (
            <View id="notice-list">
              {d.items.map((n) => (
                <View
                  key={n.noticeId}
                  className="card tap"
                  onClick={() => Taro.navigateTo({ url: noticeUrl(n.noticeId) })}
                >
                  <View className="card-row">
                    <Text className="card-title">
                      {n.pinned ? <Text className="report-badge">置顶</Text> : null}
                      {n.title}
                    </Text>
                  </View>
                  <Text className="report-sub">{n.excerpt}</Text>
                  <Text className="report-item-meta">
                    {chinaDateKey(n.publishedAt)}
                    {n.expiresOn ? ` · 有效至 ${n.expiresOn}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          )
        }
      </RequestView>
    </Screen>
  );
}
