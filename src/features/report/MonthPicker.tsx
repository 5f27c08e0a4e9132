import { View, Text } from '@tarojs/components';
import { Chips } from '../shared/forms';
import { monthLabel } from './format';

const pad = (n: number) => String(n).padStart(2, '0');
const shift = (month: string, by: number) => {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + by;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
};

/**
 * A closed month, picked (never typed): the previous and next month at a tap, or a year and a
 * month. Months after `latest` (the month that closed last) cannot be picked.
 */
export function MonthPicker({
  value,
  latest,
  onChange,
  years = 3,
}: {
  value: string;
  latest: string;
  onChange: (month: string) => void;
  years?: number;
}) {
  const latestYear = Number(latest.slice(0, 4));
  const year = Number(value.slice(0, 4));
  const yearList = Array.from({ length: years }, (_, i) => latestYear - years + 1 + i);
  if (!yearList.includes(year)) yearList.unshift(year);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`).filter((m) => m <= latest);
  const next = shift(value, 1);
  return (
    <View className="report-month-picker" id="report-month-picker">
      <View className="report-month-nav">
        <Text className="chip tap" id="report-month-prev" onClick={() => onChange(shift(value, -1))}>
          ‹ {monthLabel(shift(value, -1))}
        </Text>
        <Text className="report-month-current" id="report-month-current">
          {monthLabel(value)}
        </Text>
        {next <= latest ? (
          <Text className="chip tap" id="report-month-next" onClick={() => onChange(next)}>
            {monthLabel(next)} ›
          </Text>
        ) : null}
      </View>
      <Chips
        idPrefix="report-year"
        options={yearList.map((y) => ({ value: y, label: `${y}年` }))}
        value={year}
        onChange={(y) => onChange(`${y}-${value.slice(5)}` <= latest ? `${y}-${value.slice(5)}` : latest)}
      />
      <View className="report-month-grid">
        <Chips
          idPrefix="report-month"
          options={months.map((m) => ({ value: m, label: `${Number(m.slice(5))}月` }))}
          value={value}
          onChange={onChange}
        />
      </View>
    </View>
  );
}
