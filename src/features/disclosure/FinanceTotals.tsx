import { View, Text } from '@tarojs/components';
import type { Totals } from '@common/contracts/disclosure';
import { formatYuan } from '@common/money';

/** 收入 / 支出 / 结余 of a finance disclosure, in yuan from integer fen. */
export function FinanceTotals({ totals, compact }: { totals: Totals; compact?: boolean }) {
  return (
    <View className={`finance-totals${compact ? ' compact' : ''}`}>
      <View className="total income">
        <Text className="total-label">收入</Text>
        <Text className="total-amount">{formatYuan(totals.incomeFen)}</Text>
      </View>
      <View className="total expense">
        <Text className="total-label">支出</Text>
        <Text className="total-amount">{formatYuan(totals.expenseFen)}</Text>
      </View>
      <View className={`total balance${totals.balanceFen < 0 ? ' negative' : ''}`}>
        <Text className="total-label">结余</Text>
        <Text className="total-amount">{formatYuan(totals.balanceFen)}</Text>
      </View>
    </View>
  );
}
