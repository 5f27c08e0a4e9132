import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import {
  assetsInputs,
  RECONCILIATION_STATE_LABELS,
  type FundsReconciliation,
  type MonthReconciliation,
} from '@common/contracts/assets';
import { parseYuan } from '@common/money';
import { addMonths } from '@common/periods';
import { call, newRequestId } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { TextField } from '@/features/shared/fields';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { monthLabel, yuanLabel } from './format';

const money = (fen: number | null) => (fen === null ? '—' : yuanLabel(fen));

function MonthCard({ m }: { m: MonthReconciliation }) {
  const bad = m.state === 'mismatch';
  return (
    <View className={`card as-month state-${m.state}`} id={`funds-${m.month}`}>
      <View className="card-row">
        <Text className="as-name">{monthLabel(m.month)}</Text>
        <Text className={`badge${bad ? ' badge-overdue' : m.state === 'matched' ? ' badge-ontime' : ''}`}>
          {RECONCILIATION_STATE_LABELS[m.state]}
        </Text>
      </View>
      <Text className="as-line">上月末余额 {money(m.openingFen)}</Text>
      <Text className="as-line">
        本月公开收入 {money(m.incomeFen)} · 支出 {money(m.expenseFen)}
      </Text>
      <Text className="as-line">
        按公开应有 {money(m.expectedFen)} · 月末实有 {money(m.closingFen)}
      </Text>
      {bad && m.differenceFen !== null ? (
        <Text className="as-warning">
          {m.differenceFen > 0 ? '实有比应有多' : '实有比应有少'} {yuanLabel(Math.abs(m.differenceFen))}
          ，请村两委查明原因，村监委跟进
        </Text>
      ) : null}
      {m.disclosure ? <Text className="as-hint">依据：{m.disclosure.title}</Text> : null}
    </View>
  );
}

/** A cadre records an account's month-end balance from the bank statement. */
function BalanceForm({ r, onDone }: { r: FundsReconciliation; onDone: (next: FundsReconciliation) => void }) {
  const [requestId, setRequestId] = useState(newRequestId);
  const [itemId, setItemId] = useState<string | undefined>(r.accounts[0]?.id);
  const current = r.asOf.slice(0, 7);
  // Months that have ended (the current one on its last day).
  const months = [3, 2, 1, 0]
    .map((n) => addMonths(current, -n))
    .filter((m) => m < current || r.asOf === lastDayOf(m));
  const [month, setMonth] = useState<string | undefined>(months[months.length - 1]);
  const [amount, setAmount] = useState('');
  const { errors, message, busy, submit } = useFormSubmit();
  const account = r.accounts.find((a) => a.id === itemId);
  return (
    <View className="card" id="balance-form">
      <Text className="section-title">登记月末余额</Text>
      <Text className="as-hint">以银行对账单为准，每个账户每月登记一次。</Text>
      <Field label="账户" name="itemId" error={errors.itemId} required>
        <Chips
          idPrefix="balance-account"
          options={r.accounts.map((a) => ({ value: a.id, label: a.name }))}
          value={itemId}
          onChange={setItemId}
        />
      </Field>
      <Field label="月份" name="month" error={errors.month} required>
        <Chips
          idPrefix="balance-month"
          options={months.map((m) => ({
            value: m,
            label: `${monthLabel(m)}${account?.months.includes(m) ? '（已登记）' : ''}`,
          }))}
          value={month}
          onChange={setMonth}
        />
      </Field>
      <TextField
        kind="digits"
        label="月末余额（元）"
        name="balanceFen"
        error={errors.balanceFen}
        required
        id="balance-amount"
        value={amount}
        onChange={setAmount}
      />
      <FormError message={message} />
      <Button
        id="balance-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.recordBalance,
            { requestId, itemId, month, balanceFen: parseYuan(amount) ?? undefined },
            async (data) => {
              const sure = await confirmStep({
                title: '确认月末余额',
                content: `${account?.name ?? ''}${monthLabel(data.month)}末余额 ${yuanLabel(data.balanceFen)}。登记后不能修改，如有错误只能登记更正并写明原因。`,
                confirmText: '确认登记',
              });
              if (!sure) return;
              const next = await call('assets', 'recordBalance', data);
              setRequestId(newRequestId());
              setAmount('');
              onDone(next);
            },
            parseYuan(amount) === null ? { balanceFen: '请填写金额，最多两位小数' } : {},
          )
        }
      >
        登记
      </Button>
    </View>
  );
}

function lastDayOf(month: string): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return `${month}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** 资金核对: per month, whether the accounts' month-end balances agree with the 财务公开 totals. */
export function FundsView({ villageId, cadre }: { villageId?: string; cadre: boolean }) {
  const rec = useRequest(() => call('assets', 'reconciliation', { villageId }), [villageId]);
  const [latest, setLatest] = useState<FundsReconciliation | null>(null);
  return (
    <RequestView state={rec}>
      {(fetched) => {
        const r = latest ?? fetched;
        return (
          <View id="asset-funds">
            <Text className="as-hint">
              每月末账户余额应等于上月末余额加本月财务公开的收入、减去支出。{r.villageName}
            </Text>
            {cadre && r.accounts.length ? <BalanceForm r={r} onDone={setLatest} /> : null}
            {r.accounts.length === 0 ? <EmptyState title="还没有登记资金账户" /> : null}
            {r.accounts.length && r.months.length === 0 ? <EmptyState title="还没有可核对的月份" /> : null}
            {r.months.map((m) => (
              <MonthCard key={m.month} m={m} />
            ))}
          </View>
        );
      }}
    </RequestView>
  );
}
