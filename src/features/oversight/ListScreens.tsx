import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ItemSummary } from '@common/contracts/oversight';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';
import { ItemRow } from './ItemRow';
import { raiseUrl } from './labels';

/** Pages of a list: the first from the request, more appended by 加载更多. */
function useMore(
  first: { rows: ItemSummary[]; next: string | null } | undefined,
  more: (cursor: string) => Promise<{ rows: ItemSummary[]; next: string | null }>,
) {
  const [extra, setExtra] = useState<{ rows: ItemSummary[]; next: string | null; after: string } | null>(
    null,
  );
  const rows = [
    ...(first?.rows ?? []),
    ...(extra && extra.after === JSON.stringify(first?.rows.map((r) => r.id)) ? extra.rows : []),
  ];
  const next =
    extra && extra.after === JSON.stringify(first?.rows.map((r) => r.id))
      ? extra.next
      : (first?.next ?? null);
  const load = async () => {
    if (!next) return;
    const page = await more(next);
    setExtra((e) => ({
      rows: [...(e?.rows ?? []), ...page.rows],
      next: page.next,
      after: JSON.stringify(first?.rows.map((r) => r.id)),
    }));
  };
  return { rows, next, load };
}

function ItemList({
  rows,
  next,
  load,
  showVillage,
}: {
  rows: ItemSummary[];
  next: string | null;
  load: () => Promise<void>;
  showVillage?: boolean;
}) {
  return (
    <View className="ov-list">
      {rows.map((r) => (
        <ItemRow key={r.id} item={r} showVillage={showVillage} />
      ))}
      {next ? (
        <Button fill="outline" block onClick={() => void load()}>
          加载更多
        </Button>
      ) : rows.length ? (
        <Text className="list-end">没有更多了</Text>
      ) : null}
    </View>
  );
}

/** 我的反映: the reporter's own items. */
export function MyItemsScreen() {
  const mine = useRequest(() => call('oversight', 'mine', {}), [], { cache: 'oversight.mine' });
  useReloadOnShow(mine.reload);
  const more = useMore(mine.data, (cursor) => call('oversight', 'mine', { cursor }));
  return (
    <View id="my-items">
      <View className="actions">
        <Button
          id="mine-raise"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: raiseUrl() })}
        >
          我要反映
        </Button>
      </View>
      <RequestView state={mine}>
        {() =>
          more.rows.length ? (
            <ItemList {...more} />
          ) : (
            <EmptyState title="您还没有反映过问题" hint="看到不清楚、不合理的事，可以向村监委反映" />
          )
        }
      </RequestView>
    </View>
  );
}

const FILTERS = [
  { value: 'open', label: '办理中' },
  { value: 'escalated', label: '已升级' },
  { value: 'all', label: '全部' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

/** The village's items for its 村监委, cadres, or the town (with `villageId`). */
export function InboxScreen({ villageId }: { villageId?: string }) {
  const [filter, setFilter] = useState<Filter>('open');
  const inbox = useRequest(
    () => call('oversight', 'inbox', { filter, ...(villageId ? { villageId } : {}) }),
    [filter, villageId],
  );
  useReloadOnShow(inbox.reload);
  const more = useMore(inbox.data, (cursor) =>
    call('oversight', 'inbox', { filter, cursor, ...(villageId ? { villageId } : {}) }),
  );
  return (
    <View id="inbox">
      <Chips options={FILTERS} value={filter} onChange={setFilter} idPrefix="inbox-filter" />
      <RequestView state={inbox}>
        {(d) => (
          <View>
            <Text className="section-title">{d.villageName}的问题反映</Text>
            {more.rows.length ? <ItemList {...more} /> : <EmptyState title="没有需要处理的问题反映" />}
          </View>
        )}
      </RequestView>
    </View>
  );
}
