import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import { LIST_LABELS, LISTS, POWER_CATEGORY_LABELS, type ListKind } from '@common/contracts/decisions';
import { call } from '@/services/api';
import { Chips } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { ITEM_URL } from './format';

/** 小微权力清单 for villagers: search in plain words, open an item to read its flow. */
/** `initialQuery` comes from a link (e.g. a notice pointing at 低保). */
export function PowerListScreen({
  villageId,
  initialQuery = '',
}: {
  villageId?: string;
  initialQuery?: string;
}) {
  const [list, setList] = useState<ListKind>('power');
  const [typed, setTyped] = useState(initialQuery);
  const [query, setQuery] = useState(initialQuery);
  const items = useRequest(
    () => call('decisions', 'items', { villageId, list, query }),
    [villageId, list, query],
    {
      cache: `power-list:${villageId ?? ''}:${list}:${query}`,
    },
  );
  return (
    <View>
      <View className="card">
        <View className="dc-search">
          <Input
            id="power-search"
            className="input"
            value={typed}
            onChange={setTyped}
            onConfirm={() => setQuery(typed.trim())}
            placeholder="例如：低保怎么申请"
            maxLength={40}
          />
          <Button id="power-search-go" type="primary" onClick={() => setQuery(typed.trim())}>
            搜索
          </Button>
        </View>
        <Chips
          idPrefix="list"
          options={LISTS.map((l) => ({ value: l, label: LIST_LABELS[l] }))}
          value={list}
          onChange={setList}
        />
      </View>
      <RequestView state={items}>
        {(r) =>
          r.items.length === 0 ? (
            <EmptyState
              title={query ? `没有找到与“${query}”有关的事项` : '清单里还没有事项'}
              hint="换个说法试试，例如“宅基地”“盖章”。"
            />
          ) : (
            <View id="power-results">
              {query ? <Text className="dc-hint">找到 {r.items.length} 项</Text> : null}
              {r.items.map((i) => (
                <View
                  key={i.id}
                  className="card tap power-item"
                  id={`item-${i.id}`}
                  onClick={() => Taro.navigateTo({ url: ITEM_URL(i.id) })}
                >
                  <Text className="dc-item-name">{i.name}</Text>
                  <View className="card-meta">
                    <Text className="badge">{POWER_CATEGORY_LABELS[i.category]}</Text>
                    {i.scope === 'village' ? <Text className="badge badge-affairs">本村事项</Text> : null}
                    {i.stepCount ? <Text className="card-time">{i.stepCount} 个步骤</Text> : null}
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </RequestView>
    </View>
  );
}
