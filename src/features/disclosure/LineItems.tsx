import { View, Text } from '@tarojs/components';
import type { LineItem } from '@common/contracts/disclosure';
import { formatYuan } from '@common/money';
import { byCategory } from '@common/totals';
import { shortDate } from './labels';

const DIRECTIONS = [
  { key: 'income', label: '收入明细' },
  { key: 'expense', label: '支出明细' },
] as const;

/** Line items grouped 收入 / 支出, then by account heading with its subtotal, largest first. */
export function LineItems({ items, onAsk }: { items: LineItem[]; onAsk?: (index: number) => void }) {
  const groups = byCategory(items);
  return (
    <View className="line-items">
      {DIRECTIONS.map((d) => {
        const heads = groups.filter((g) => g.direction === d.key);
        if (!heads.length) return null;
        return (
          <View key={d.key} className={`line-group ${d.key}`}>
            <Text className="section-title">{d.label}</Text>
            {heads.map((h) => (
              <View key={h.category} className="category-block">
                <View className="category-subtotal">
                  <Text className="category-name">{h.category}</Text>
                  <Text className="category-amount">
                    {formatYuan(h.amountFen)}（{h.count}笔）
                  </Text>
                </View>
                {items
                  .filter((i) => i.direction === d.key && i.category === h.category)
                  .map((i, n) => (
                    <View key={n} className="line-item">
                      <View className="line-item-main">
                        <Text className="line-note">{i.note || '（无摘要）'}</Text>
                        {i.occurredOn ? <Text className="line-date">{shortDate(i.occurredOn)}</Text> : null}
                      </View>
                      <Text className="line-amount">{formatYuan(i.amountFen)}</Text>
                      {onAsk ? (
                        <Text
                          id={`line-ask-${items.indexOf(i)}`}
                          className="line-ask link tap"
                          onClick={() => onAsk(items.indexOf(i))}
                        >
                          我要反映
                        </Text>
                      ) : null}
                    </View>
                  ))}
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
