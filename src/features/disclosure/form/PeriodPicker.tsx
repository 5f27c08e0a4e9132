import { View } from '@tarojs/components';
import { chinaDateKey } from '@common/clock';
import { Chips } from '../../shared/forms';
import type { FormState } from './model';

type Period = Pick<FormState, 'periodMode' | 'year' | 'month' | 'quarter'>;

/** Year, then a month or a quarter, as big buttons (works with a finger and with a mouse). */
export function PeriodPicker({
  value,
  onChange,
  monthOnly,
}: {
  value: Period;
  onChange: (p: Period) => void;
  monthOnly: boolean;
}) {
  const thisYear = Number(chinaDateKey(new Date()).slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear];
  if (!years.includes(value.year)) years.unshift(value.year);
  const mode = monthOnly ? 'month' : value.periodMode;
  return (
    <View className="period-picker">
      {!monthOnly ? (
        <Chips
          idPrefix="period-mode"
          options={[
            { value: 'month', label: '按月' },
            { value: 'quarter', label: '按季度' },
          ]}
          value={mode}
          onChange={(m) => onChange({ ...value, periodMode: m as Period['periodMode'] })}
        />
      ) : null}
      <Chips
        idPrefix="period-year"
        options={years.map((y) => ({ value: y, label: `${y}年` }))}
        value={value.year}
        onChange={(year) => onChange({ ...value, year })}
      />
      {mode === 'month' ? (
        <View className="chips-grid months">
          <Chips
            idPrefix="period-month"
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
            value={value.month ?? undefined}
            onChange={(month) => onChange({ ...value, periodMode: 'month', month })}
          />
        </View>
      ) : (
        <Chips
          idPrefix="period-quarter"
          options={['一', '二', '三', '四'].map((n, i) => ({ value: i + 1, label: `第${n}季度` }))}
          value={value.quarter ?? undefined}
          onChange={(quarter) => onChange({ ...value, periodMode: 'quarter', quarter })}
        />
      )}
    </View>
  );
}
