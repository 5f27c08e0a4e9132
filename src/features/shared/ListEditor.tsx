import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import { addRow, moveRow, patchRow, removeRow } from './listRows';

export interface ListEditorProps<T> {
  /** Names the list in element ids: `${name}-up-1`, `${name}-down-1`, `${name}-remove-1`, `${name}-add`. */
  name: string;
  rows: readonly T[];
  onChange: (rows: T[]) => void;
  /** A row's lasting identity: a row's fields (and what is being typed in them) follow it when it moves. */
  keyOf: (row: T) => string;
  /** The row's own fields; `set` changes this row only. */
  renderRow: (row: T, set: (patch: Partial<T>) => void, index: number) => ReactNode;
  /** A new, empty row; without it the list offers no button to add one. */
  newRow?: () => T;
  addLabel?: string;
  addId?: string;
  addSize?: 'small' | 'normal';
  /** Locked: the rows show their values, with nothing to add, move or remove. */
  locked?: boolean;
  /** Rows can be removed only while there are more than this many. */
  minRows?: number;
  removeLabel?: string;
  rowClassName: string;
  rowId?: (row: T, index: number) => string;
}

/**
 * One editor for every list of rows a form holds: add a row, edit its fields (given by the
 * caller), remove it, move it up or down. The other rows keep their values throughout.
 */
export function ListEditor<T>({
  name,
  rows,
  onChange,
  keyOf,
  renderRow,
  newRow,
  addLabel = '＋ 添加',
  addId,
  addSize = 'small',
  locked = false,
  minRows = 0,
  removeLabel = '删除',
  rowClassName,
  rowId,
}: ListEditorProps<T>) {
  const removable = !locked && rows.length > minRows;
  return (
    <>
      {rows.map((row, i) => (
        <View key={keyOf(row)} id={rowId?.(row, i)} className={rowClassName}>
          {renderRow(row, (patch) => onChange(patchRow(rows, i, patch)), i)}
          <View className="list-row-tools">
            {locked || i === 0 ? null : (
              <Text
                id={`${name}-up-${i}`}
                className="link tap"
                onClick={() => onChange(moveRow(rows, i, -1))}
              >
                上移
              </Text>
            )}
            {locked || i === rows.length - 1 ? null : (
              <Text
                id={`${name}-down-${i}`}
                className="link tap"
                onClick={() => onChange(moveRow(rows, i, 1))}
              >
                下移
              </Text>
            )}
            {removable ? (
              <Text
                id={`${name}-remove-${i}`}
                className="link tap"
                onClick={() => onChange(removeRow(rows, i))}
              >
                {removeLabel}
              </Text>
            ) : null}
          </View>
        </View>
      ))}
      {locked || !newRow ? null : (
        <Button
          id={addId ?? `${name}-add`}
          size={addSize}
          fill="outline"
          onClick={() => onChange(addRow(rows, newRow()))}
        >
          {addLabel}
        </Button>
      )}
    </>
  );
}
