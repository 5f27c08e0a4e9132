import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { formatDate } from '@common/format';
import { formatFen } from '@common/money';
import { FinanceTotals } from '../FinanceTotals';
import { isBlankRow, type ItemRow } from './model';
import { alreadyInForm, applyPasted, parsePastedItems, pastedTotals, type PastePeriod } from './paste';

const MAX_ITEMS = 500;
const EXAMPLE = '支出\t管理费用\t539.50\t办公用品\t2026/10/10\n收入\t补助收入\t30,000.00\t运转经费\t10月8日';

/**
 * 从Excel粘贴明细: the month's books copied from a spreadsheet become line items after the cadre
 * has seen every row as it will be published (bad rows with their line and reason), appended to
 * the rows already filled in or in their place.
 */
export function ItemsPaste({
  period,
  rows,
  onApply,
}: {
  period: PastePeriod;
  rows: ItemRow[];
  onApply: (rows: ItemRow[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { year, month } = period;
  // Read again when the month changes: dates are resolved inside it.
  const result = useMemo(
    () => (text.trim() ? parsePastedItems(text, { year, month }) : null),
    [text, year, month],
  );
  const pasted = result?.rows ?? [];
  const good = pasted.filter((r) => !r.error).length;
  const bad = pasted.length - good;
  const filled = rows.filter((r) => !isBlankRow(r)).length;
  const repeated = result ? alreadyInForm(rows, pasted) : 0;
  const tooMany = filled + good > MAX_ITEMS;

  const apply = async (how: 'append' | 'replace') => {
    if (how === 'replace' && filled) {
      const r = await Taro.showModal({
        title: '替换明细',
        content: `将删除已填写的 ${filled} 条明细，换成粘贴的 ${good} 条。`,
        confirmText: '替换',
      });
      if (!r.confirm) return;
    }
    onApply(applyPasted(rows, pasted, how));
    setDone(
      `${how === 'append' ? '已追加' : '已替换为'} ${good} 条明细${bad ? `，${bad} 行有问题未加入` : ''}，请在下方核对`,
    );
    setText('');
    setOpen(false);
  };

  if (!open) {
    return (
      <View className="items-paste closed">
        <Button
          id="items-paste-open"
          fill="outline"
          type="primary"
          block
          onClick={() => {
            setOpen(true);
            setDone(null);
          }}
        >
          从Excel粘贴明细
        </Button>
        {done ? (
          <Text id="items-paste-done" className="success-text">
            {done}
          </Text>
        ) : null}
      </View>
    );
  }

  return (
    <View id="items-paste" className="items-paste">
      <Text className="state-hint">
        在 Excel 或 WPS
        中选中明细（可连同表头），复制后粘贴到下面。列的顺序：收入或支出、科目、金额（元）、摘要、日期。
        收支可写“收”“支”，不写时按科目判断；日期可写 2026-10-05、10月5日 或只写日。
      </Text>
      <TextArea
        id="items-paste-text"
        className="textarea items-paste-text"
        value={text}
        onChange={setText}
        placeholder={EXAMPLE}
        maxLength={100000}
        rows={6}
      />
      {result ? (
        <View id="items-paste-preview" className="items-paste-preview">
          <Text id="items-paste-summary" className="state-hint">
            共 {pasted.length} 行，可加入 {good} 条
            {bad ? `，${bad} 行有问题不会加入（改好后可重新粘贴）` : ''}
          </Text>
          <View className="paste-table">
            <View className="paste-row paste-head">
              <Text className="paste-cell paste-line">行</Text>
              <Text className="paste-cell paste-direction">收支</Text>
              <Text className="paste-cell paste-category">科目</Text>
              <Text className="paste-cell paste-amount">金额（元）</Text>
              <Text className="paste-cell paste-note">摘要</Text>
              <Text className="paste-cell paste-date">日期</Text>
            </View>
            {pasted.map((r) => (
              <View
                key={r.line}
                className={`paste-row ${r.direction ?? ''}${r.error ? ' has-error' : ''}`}
                data-line={r.line}
              >
                <Text className="paste-cell paste-line">第{r.line}行</Text>
                <Text className="paste-cell paste-direction">
                  {r.direction === 'income' ? '收入' : r.direction === 'expense' ? '支出' : '—'}
                </Text>
                <Text className="paste-cell paste-category">{r.category || '—'}</Text>
                <Text className="paste-cell paste-amount">
                  {r.amountFen === null ? '—' : formatFen(r.amountFen)}
                </Text>
                <Text className="paste-cell paste-note">{r.note}</Text>
                <Text className="paste-cell paste-date">{r.occurredOn ? formatDate(r.occurredOn) : ''}</Text>
                {r.error ? (
                  <Text className="field-error paste-error">
                    第{r.line}行：{r.error}
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
          {result.skipped.map((s) => (
            <Text key={s.line} className="field-hint paste-skipped">
              第{s.line}行是{s.reason}
            </Text>
          ))}
          <View className="paste-totals">
            <Text className="field-label">可加入的 {good} 条合计</Text>
            <FinanceTotals totals={pastedTotals(pasted)} compact />
          </View>
          {repeated ? (
            <Text className="field-error paste-repeated">
              其中 {repeated} 条与已填写的明细完全相同，追加会重复记账，请确认
            </Text>
          ) : null}
          {tooMany ? (
            <Text className="field-error">明细最多 {MAX_ITEMS} 条，请分月公开或删减后再粘贴</Text>
          ) : null}
        </View>
      ) : null}
      <View className="items-paste-actions">
        <Button
          id="items-paste-append"
          type="primary"
          disabled={!good || tooMany}
          onClick={() => apply('append')}
        >
          追加 {good} 条
        </Button>
        <Button
          id="items-paste-replace"
          fill="outline"
          type="primary"
          disabled={!good || good > MAX_ITEMS}
          onClick={() => apply('replace')}
        >
          替换为这 {good} 条
        </Button>
        <Button id="items-paste-cancel" fill="none" onClick={() => setOpen(false)}>
          收起
        </Button>
      </View>
    </View>
  );
}
