import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { DatePicker } from '@nutui/nutui-react-taro';
import { formatDate } from '@common/format';

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-08-10' -> a Date at noon of that day (no time-zone edge can move it to another day). */
function toDate(dateKey: string, fallback: Date): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateKey);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) : fallback;
}

/**
 * A date is picked, never typed: the field reads "2026年8月10日" and a tap opens a wheel of
 * year, month and day. The value is the date key ('2026-08-10') the contracts take.
 */
export function DateField({
  id,
  value,
  onChange,
  title = '选择日期',
  placeholder = '点此选择日期',
  startYear,
  endYear,
  clearable,
}: {
  id: string;
  value: string;
  onChange: (dateKey: string) => void;
  title?: string;
  placeholder?: string;
  startYear?: number;
  endYear?: number;
  /** An optional date: once picked, 清除 beside it empties it again (the wheel cannot). */
  clearable?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const today = new Date();
  const from = startYear ?? today.getFullYear() - 5;
  const to = endYear ?? today.getFullYear() + 1;
  return (
    <View className={clearable ? 'date-field date-field-clearable' : 'date-field'}>
      <View id={id} className="input date-field-box tap" onClick={() => setOpen(true)}>
        <Text className={value ? 'date-field-value' : 'date-field-placeholder'}>
          {value ? formatDate(value) : placeholder}
        </Text>
        <Text className="date-field-icon">▾</Text>
      </View>
      {clearable && value ? (
        <Text id={`${id}-clear`} className="link tap date-field-clear" onClick={() => onChange('')}>
          清除
        </Text>
      ) : null}
      <DatePicker
        title={title}
        type="date"
        visible={open}
        showChinese
        value={toDate(value, today)}
        startDate={new Date(from, 0, 1)}
        endDate={new Date(to, 11, 31)}
        onClose={() => setOpen(false)}
        onConfirm={(_, values) => {
          // A date picker gives year, month and day; the defaults only satisfy the type.
          const [y, m = 1, d = 1] = values.map(Number);
          onChange(`${y}-${pad(m)}-${pad(d)}`);
          setOpen(false);
        }}
      />
    </View>
  );
}
