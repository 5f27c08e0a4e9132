import { View, Text } from '@tarojs/components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { FieldErrors } from '../../shared/forms';
import { Chips } from '../../shared/forms';
import { FinanceTotals } from '../FinanceTotals';
import { headingsFor, liveTotals, newRow, type ItemRow } from './model';

/** What NutUI's Input hands to a ref (on H5 and in the mini-program alike). */
interface Focusable {
  focus: () => void;
}

/** One field of an item row: its label, its input and the error under it. */
function ItemField({
  className,
  label,
  error,
  children,
}: {
  className: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className={`item-field ${className}`}>
      <Text className="field-label">{label}</Text>
      <View className="field-control">{children}</View>
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  );
}

/**
 * 收支明细: one row per entry of the books; amounts typed in yuan, totals update as you type.
 * On a PC keyboard Tab walks 金额 -> 摘要 -> 日期 -> the next row, and Enter goes to the next
 * row's 金额, adding a row (same direction) after the last one.
 */
export function ItemsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: ItemRow[];
  onChange: (rows: ItemRow[]) => void;
  errors: FieldErrors;
}) {
  const update = (i: number, patch: Partial<ItemRow>) =>
    onChange(rows.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const remove = (i: number) => onChange(rows.filter((_, n) => n !== i));
  const err = (i: number, f: string) => errors[`items.${i}.${f}`];
  // After Enter: the row whose 金额 field takes the focus once it is on screen.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const amountInputs = useRef(new Map<string, Focusable>());
  useEffect(() => {
    if (!focusKey) return undefined;
    // On H5 the input inside a new row is drawn a moment after the row: focus it then.
    const t = setTimeout(() => {
      amountInputs.current.get(focusKey)?.focus();
      setFocusKey(null);
    }, 50);
    return () => clearTimeout(t);
  }, [focusKey]);
  const nextRow = (i: number) => {
    const next = rows[i + 1];
    if (next) {
      setFocusKey(next.key);
      return;
    }
    const added = newRow(rows[i]?.direction ?? 'expense');
    onChange([...rows, added]);
    setFocusKey(added.key);
  };
  return (
    <View className="items-editor">
      {rows.map((r, i) => (
        <View key={r.key} className={`item-row ${r.direction}`} data-index={i}>
          <View className="item-row-head">
            <Text className="item-no">第{i + 1}条</Text>
            <Chips
              options={[
                { value: 'income', label: '收入' },
                { value: 'expense', label: '支出' },
              ]}
              value={r.direction}
              onChange={(d) => update(i, { direction: d as ItemRow['direction'], category: '' })}
            />
            <Text className="item-remove link tap" onClick={() => remove(i)}>
              删除
            </Text>
          </View>
          <View className="item-field item-category">
            <Chips
              options={headingsFor(r.direction).map((c) => ({ value: c, label: c }))}
              value={r.category || undefined}
              onChange={(c) => update(i, { category: c })}
            />
            {err(i, 'category') ? <Text className="field-error">{err(i, 'category')}</Text> : null}
          </View>
          <View className="item-fields">
            <ItemField className="item-amount-field" label="金额（元）" error={err(i, 'amountFen')}>
              <Input
                className="input item-amount"
                type="digit"
                value={r.amountText}
                onChange={(v) => update(i, { amountText: v })}
                placeholder="例如 1234.50"
                ref={(el: unknown) => {
                  if (el) amountInputs.current.set(r.key, el as Focusable);
                  else amountInputs.current.delete(r.key);
                }}
                onConfirm={() => nextRow(i)}
              />
            </ItemField>
            <ItemField className="item-note-field" label="摘要" error={err(i, 'note')}>
              <Input
                className="input item-note"
                value={r.note}
                onChange={(v) => update(i, { note: v })}
                placeholder="例如 村内道路保洁"
                maxLength={100}
                onConfirm={() => nextRow(i)}
              />
            </ItemField>
            <ItemField className="item-day-field" label="日期（日）" error={err(i, 'occurredOn')}>
              <Input
                className="input item-day"
                type="number"
                value={r.day}
                onChange={(v) => update(i, { day: v })}
                placeholder="例如 15"
                maxLength={2}
                onConfirm={() => nextRow(i)}
              />
            </ItemField>
          </View>
        </View>
      ))}
      {errors.items ? <Text className="field-error">{errors.items}</Text> : null}
      <View className="item-add">
        <Button
          id="add-income"
          fill="outline"
          type="primary"
          onClick={() => onChange([...rows, newRow('income')])}
        >
          ＋ 添加收入
        </Button>
        <Button
          id="add-expense"
          fill="outline"
          type="primary"
          onClick={() => onChange([...rows, newRow('expense')])}
        >
          ＋ 添加支出
        </Button>
      </View>
      <View id="form-totals" className="form-totals">
        <Text className="field-label">合计（随填写自动计算）</Text>
        <FinanceTotals totals={liveTotals(rows)} />
      </View>
    </View>
  );
}
