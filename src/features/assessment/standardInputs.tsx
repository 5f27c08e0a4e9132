import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Input, TextArea } from '@nutui/nutui-react-taro';
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

/** The short title of one row of the standard (an item, a bonus, a veto). */
export function TitleArea({
  value,
  locked,
  placeholder,
  onChange,
}: {
  value: string;
  locked: boolean;
  placeholder: string;
  onChange: (t: string) => void;
}) {
  return (
    <TextArea
      className="std-item-title"
      value={value}
      disabled={locked}
      maxLength={80}
      autoSize
      placeholder={placeholder}
      onChange={onChange}
    />
  );
}

/** The main line of a scored row: its title and its points side by side. */
export function TitleAndPoints({
  row,
  set,
  locked,
  placeholder,
  pointsId,
  pointsPlaceholder,
}: {
  row: { title: string; maxPoints: number };
  set: (patch: { title?: string; maxPoints?: number }) => void;
  locked: boolean;
  placeholder: string;
  pointsId?: string;
  pointsPlaceholder: string;
}) {
  return (
    <View className="std-item-main">
      <TitleArea
        value={row.title}
        locked={locked}
        placeholder={placeholder}
        onChange={(t) => set({ title: t })}
      />
      <PointsInput
        id={pointsId}
        value={row.maxPoints}
        disabled={locked}
        placeholder={pointsPlaceholder}
        onChange={(v) => set({ maxPoints: v })}
      />
    </View>
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
