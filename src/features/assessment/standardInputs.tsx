import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Input } from '@nutui/nutui-react-taro';
import { pointsOf } from './standardForm';

/** A number field that keeps what is typed; the value is NaN until it reads as a number. */
export function PointsInput({
  id,
  value,
  onChange,
  disabled,
  placeholder,
}: {
  id?: string;
  value: number;
  onChange: (n: number) => void;
  disabled?: boolean;
  placeholder?: string;
}) {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '');
  return (
    <Input
      id={id}
      className="input std-points"
      type="digit"
      value={text}
      disabled={disabled}
      placeholder={placeholder ?? '分值'}
      onChange={(t) => {
        setText(t);
        onChange(pointsOf(t));
      }}
    />
  );
}

/** What must be fixed before saving, each saying where. */
export function Problems({ id, list }: { id: string; list: string[] }) {
  if (!list.length) return null;
  return (
    <View id={id} className="card std-problems">
      <Text className="field-error">请先改正以下 {list.length} 处：</Text>
      {list.slice(0, 20).map((p) => (
        <Text key={p} className="field-error std-problem">
          · {p}
        </Text>
      ))}
    </View>
  );
}
