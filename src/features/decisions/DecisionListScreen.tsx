import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  DECISION_CATEGORY_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  type DecisionSummary,
} from '@common/contracts/decisions';
import { call } from '@/services/api';
import { MoreButton, useMorePages } from '@/features/shared/MorePages';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { DECISION_URL, dateLabel } from './format';

/** A decision's status, category and whether it is overdue, as badges (list and detail alike). */
export function DecisionBadges({ d, statusId }: { d: DecisionSummary; statusId?: string }) {
  return (
    <View className="card-meta">
      <Text id={statusId} className={`badge${d.status === 'completed' ? ' badge-ontime' : ''}`}>
        {STATUS_LABELS[d.status]}
      </Text>
      <Text className="badge">{DECISION_CATEGORY_LABELS[d.category]}</Text>
      {d.overdue ? <Text className="badge badge-overdue">逾期未公开</Text> : null}
    </View>
  );
}

export function DecisionCard({ d }: { d: DecisionSummary }) {
  return (
    <View
      className="card tap decision-card"
      id={`decision-${d.id}`}
      onClick={() => Taro.navigateTo({ url: DECISION_URL(d.id) })}
    >
      <Text className="dc-item-name">{d.title}</Text>
      <DecisionBadges d={d} />
      <Text className="card-time">
        {dateLabel(d.proposedOn)}提议{d.next ? ` · 下一步：${STEP_LABELS[d.next]}` : ''}
        {d.nextDueOn ? `（${dateLabel(d.nextDueOn)}前）` : ''}
      </Text>
    </View>
  );
}

/** A village's major-matter decisions, newest first, a page at a time. */
export function DecisionListScreen({ binding, villageId }: { binding: Binding | null; villageId?: string }) {
  const first = useRequest(() => call('decisions', 'decisions', { villageId }), [villageId], {
    cache: `decisions:${villageId ?? ''}`,
  });
  const more = useMorePages(
    first.data,
    (r) => ({ rows: r.items, next: r.nextCursor }),
    (cursor) => call('decisions', 'decisions', { villageId, cursor }),
  );
  // Back on the page, the first page is read again (and the pages after it start over).
  useReloadOnShow(first.reload);
  const cadre = !!binding?.roles.includes('cadre');
  return (
    <View>
      {cadre ? (
        <Button
          id="decision-new"
          type="primary"
          block
          onClick={() => Taro.navigateTo({ url: '/decisions/pages/propose/index' })}
        >
          登记新的重大事项（党组织提议）
        </Button>
      ) : null}
      <RequestView state={first}>
        {(r) =>
          r.items.length === 0 ? (
            <EmptyState title="还没有重大事项决策记录" />
          ) : (
            <View id="decision-list">
              {more.rows.map((d) => (
                <DecisionCard key={d.id} d={d} />
              ))}
              <MoreButton more={more} end="没有更多了" />
            </View>
          )
        }
      </RequestView>
    </View>
  );
}
