import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  CHANGE_KIND_LABELS,
  ITEM_CATEGORY_LABELS,
  ITEM_STATUS_LABELS,
  type ChangeView,
  type RegisterItem,
} from '@common/contracts/assets';
import { call } from '@/services/api';
import { Attachments } from '@/features/shared/Attachments';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { ChangeForm } from './ChangeForm';
import { dateLabel, muLabel, yuanLabel } from './format';

/** What an entry left the item as, in words. */
function afterOf(c: ChangeView, item: RegisterItem): string {
  if (c.kind === 'dispose') return '已处置';
  if (c.status) return `状态：${ITEM_STATUS_LABELS[c.status]}`;
  if (c.areaHundredths !== null && c.kind !== 'acquire') return `面积：${muLabel(c.areaHundredths)}`;
  if (c.valueFen !== null && c.kind !== 'acquire')
    return `${item.kind === 'funds' ? '余额' : '价值'}：${yuanLabel(c.valueFen)}`;
  return '';
}

function History({ item, changes }: { item: RegisterItem; changes: ChangeView[] }) {
  return (
    <View className="card" id="item-history">
      <Text className="section-title">变动记录（{changes.length}）</Text>
      {changes.map((c) => (
        <View key={c.id} className="as-receivable as-change" id={`change-${c.kind}-${c.on}`}>
          <View className="card-row">
            <Text>
              {dateLabel(c.on)} · {CHANGE_KIND_LABELS[c.kind]}
            </Text>
            <Text className="as-hint">{c.by}</Text>
          </View>
          {afterOf(c, item) ? <Text className="as-line">{afterOf(c, item)}</Text> : null}
          <Text className="as-line">原因：{c.reason}</Text>
          {c.decisionId ? <Text className="as-hint">已附村级决策依据</Text> : null}
          {c.photos.length ? <Attachments items={c.photos} /> : null}
        </View>
      ))}
    </View>
  );
}

/** One item of the register: its facts, its photos, its history; a cadre records a change. */
export function ItemScreen({ itemId, binding }: { itemId: string; binding: Binding | null }) {
  const detail = useRequest(() => call('assets', 'item', { itemId }), [itemId]);
  const [changing, setChanging] = useState(false);
  return (
    <RequestView state={detail}>
      {({ item, changes }) => {
        const cadre = !!binding?.roles.includes('cadre') && item.id.startsWith(`${binding.villageId ?? ''}:`);
        return (
          <View id="item-screen">
            <View className="card" id={`item-${item.code}`}>
              <View className="card-row">
                <Text className="as-name">{item.name}</Text>
                <Text className={`badge${item.status === 'disposed' ? ' badge-overdue' : ''}`}>
                  {ITEM_STATUS_LABELS[item.status]}
                </Text>
              </View>
              <Text className="as-line">
                {ITEM_CATEGORY_LABELS[item.category]} · 编号 {item.code}
                {item.location ? ` · ${item.location}` : ''}
              </Text>
              <Text className="as-line">
                {item.kind === 'resources'
                  ? `面积 ${muLabel(item.areaHundredths)}`
                  : `${item.kind === 'funds' ? '余额' : '原值'} ${yuanLabel(item.valueFen)}`}
                {` · ${dateLabel(item.acquiredOn)}取得`}
              </Text>
              {item.note ? <Text className="as-hint">{item.note}</Text> : null}
            </View>
            <Attachments items={item.photos} />
            {cadre && item.status !== 'disposed' ? (
              changing ? (
                <ChangeForm
                  item={item}
                  villageId={binding?.villageId ?? ''}
                  onDone={() => {
                    setChanging(false);
                    detail.reload();
                  }}
                />
              ) : (
                <Button id="change-new" type="primary" block onClick={() => setChanging(true)}>
                  登记变动（处置、价值调整、用途变更）
                </Button>
              )
            ) : null}
            <History item={item} changes={changes} />
          </View>
        );
      }}
    </RequestView>
  );
}
