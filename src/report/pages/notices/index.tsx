import '@/features/report/report.scss';
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { chinaDateKey } from '@common/clock';
import type { NoticeSummary } from '@common/contracts/report';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { isTownAdmin, useMe, viewedVillage } from '@/features/account/session';
import { dateLabel, noticeUrl } from '@/features/report/format';

const ARCHIVE_URL = '/report/pages/notices/index?scope=archive';

function NoticeCard({ n }: { n: NoticeSummary }) {
  return (
    <View
      className={`card tap notice-card${n.withdrawn ? ' notice-withdrawn' : ''}`}
      onClick={() => Taro.navigateTo({ url: noticeUrl(n.noticeId) })}
    >
      <Text className="card-title">
        {n.pinned ? <Text className="report-badge">置顶</Text> : null}
        {n.withdrawn ? <Text className="report-badge">已撤回</Text> : null}
        {n.expired && !n.withdrawn ? <Text className="report-badge report-badge-muted">已过期</Text> : null}
        {n.title}
      </Text>
      <Text className="report-sub">{n.excerpt}</Text>
      <Text className="report-item-meta">
        {dateLabel(chinaDateKey(n.publishedAt))}
        {n.version > 1 ? ' · 已更正' : ''}
        {n.expiresOn ? ` · 有效至 ${dateLabel(n.expiresOn)}` : ''}
      </Text>
    </View>
  );
}

/** Notices in force (and recent withdrawals), or with `?scope=archive` the expired and old ones. */
export default function NoticesPage() {
  const archive = useRouter().params.scope === 'archive';
  // A person bound to a village reads that village's notices; only a town admin reads the
  // village they picked (a pick left on a shared phone by a town admin never applies to others).
  const me = useMe();
  const binding = me.data?.binding;
  const villageId = binding && isTownAdmin(binding) ? viewedVillage()?.id : undefined;
  const list = useRequest(
    () => call('report', 'listNotices', { villageId, limit: 50, scope: archive ? 'archive' : 'current' }),
    [villageId, archive],
    { cache: archive ? 'notices-archive' : 'notices', enabled: !!me.data },
  );
  useReloadOnShow(list.reload);
  useEffect(() => {
    if (archive) void Taro.setNavigationBarTitle({ title: '往期通知' });
  }, [archive]);
  return (
    <Screen id={archive ? 'page-notices-archive' : 'page-notices'}>
      {archive ? (
        <View className="card">
          <Text className="report-sub">已过期或已撤回较久的通知，留档备查。</Text>
        </View>
      ) : null}
      <RequestView state={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={archive ? '没有往期通知' : '暂无通知公告'} />
          ) : (
            <View id="notice-list">
              {d.items.map((n) => (
                <NoticeCard key={n.noticeId} n={n} />
              ))}
            </View>
          )
        }
      </RequestView>
      {archive ? null : (
        <View className="report-more">
          <Text
            className="link"
            id="notice-archive-link"
            onClick={() => Taro.navigateTo({ url: ARCHIVE_URL })}
          >
            往期通知（已过期、已撤回） ›
          </Text>
        </View>
      )}
    </Screen>
  );
}
