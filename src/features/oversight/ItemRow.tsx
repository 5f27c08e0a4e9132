import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ItemSummary } from '@common/contracts/oversight';
import { dayText, dueText, itemUrl, ITEM_STATE_LABELS, QUESTION_CATEGORY_LABELS } from './labels';

export function StateBadge({ state, overdue }: { state: ItemSummary['state']; overdue?: boolean }) {
  return (
    <View>
      <Text className={`ov-state ov-state-${state}`}>{ITEM_STATE_LABELS[state]}</Text>
      {overdue ? <Text className="ov-state ov-overdue">已逾期</Text> : null}
    </View>
  );
}

/** One item in a list: what, where, its stage and deadline. */
export function ItemRow({ item, showVillage }: { item: ItemSummary; showVillage?: boolean }) {
  return (
    <View
      className="card ov-item tap ov-row"
      id={`item-${item.id}`}
      onClick={() => void Taro.navigateTo({ url: itemUrl(item.id) })}
    >
      <View className="card-meta">
        <Text className="badge">{QUESTION_CATEGORY_LABELS[item.category]}</Text>
        <StateBadge state={item.state} overdue={item.overdue} />
      </View>
      <Text className="ov-item-text">{item.excerpt}</Text>
      <Text className="ov-meta">
        {showVillage ? `${item.villageName} · ` : ''}
        {item.subjectLabel} · 反映人：{item.reporterName}
      </Text>
      <Text className="ov-meta">
        {dayText(item.raisedAt)}提出{item.dueAt ? ` · ${dueText(item.state, item.dueAt, item.overdue)}` : ''}
      </Text>
    </View>
  );
}
