import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  DECISION_CATEGORY_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  type DecisionSummary,
} from '@common/contracts/decisions';
import { call } from '@/services/api';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { DECISION_URL, dateLabel } from './format';

export function DecisionCard({ d }: { d: DecisionSummary }) {
  return (
    <View
      className="card tap decision-card"
      id={`decision-${d.id}`}
      onClick={() => Taro.navigateTo({ url: DECISION_URL(d.id) })}
    >
      <Text className="dc-item-name">{d.title}</Text>
      <View className="card-meta">
        <Text className={`badge${d.status === 'completed' ? ' badge-ontime' : ''}`}>
          {STATUS_LABELS[d.status]}
        </Text>
        <Text className="badge">{DECISION_CATEGORY_LABELS[d.category]}</Text>
        {d.overdue ? <Text className="badge badge-overdue">逾期未公开</Text> : null}
      </View>
      <Text className="card-time">
        {dateLabel(d.proposedOn)}提议{d.next ? ` · 下一步：${STEP_LABELS[d.next]}` : ''}
        {d.nextDueOn ? `（${dateLabel(d.nextDueOn)}前）` : ''}
      </Text>
    </View>
  );
}

/** A village's major-matter decisions, newest first, a page at a time. */
export function DecisionListScreen({ binding, villageId }: { binding: Binding | null; villageId?: string }) {
  const [pages, setPages] = useState<string[]>([]);
  const [more, setMore] = useState<DecisionSummary[]>([]);
  const first = useRequest(() => call('decisions', 'decisions', { villageId }), [villageId], {
    cache: `decisions:${villageId ?? ''}`,
  });
  useReloadOnShow(() => {
    setMore([]);
    setPages([]);
    first.reload();
  });
  const cadre = !!binding?.roles.includes('cadre');
  const nextCursor = pages.length ? pages[pages.length - 1] : first.data?.nextCursor;
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
              {[...r.items, ...more].map((d) => (
                <DecisionCard key={d.id} d={d} />
              ))}
              {nextCursor ? (
                <Button
                  fill="outline"
                  block
                  onClick={async () => {
                    const page = await call('decisions', 'decisions', { villageId, cursor: nextCursor });
                    setMore((m) => [...m, ...page.items]);
                    setPages((p) => [...p, page.nextCursor ?? '']);
                  }}
                >
                  加载更多
                </Button>
              ) : (
                <Text className="list-end">没有更多了</Text>
              )}
            </View>
          )
        }
      </RequestView>
    </View>
  );
}
