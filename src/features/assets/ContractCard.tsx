import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import {
  CONTRACT_KIND_LABELS,
  RECEIVABLE_STATE_LABELS,
  TERM_STATE_LABELS,
  type ContractView,
} from '@common/contracts/assets';
import { PaymentForm } from './PaymentForm';
import { VacateForm } from './VacateForm';
import { WaiverForm } from './WaiverForm';
import { dateLabel, yuanLabel } from './format';

type Open = { kind: 'pay' | 'waive'; id: string } | { kind: 'vacate' } | null;

/** A contract, what it made due and what was received; a cadre records payments, waivers, hand-backs. */
export function ContractCard({
  c,
  cadre,
  onChanged,
}: {
  c: ContractView;
  cadre: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const received = c.receivables.filter((r) => r.state === 'received').reduce((n, r) => n + r.amountFen, 0);
  const done = () => {
    setOpen(null);
    onChanged();
  };
  const toggle = (o: NonNullable<Open>) =>
    setOpen((x) => (JSON.stringify(x) === JSON.stringify(o) ? null : o));
  return (
    <View className="card asset-contract" id={`contract-${c.code}`}>
      <View className="card-row">
        <Text className="as-name">{c.itemName}</Text>
        <Text className={`badge${c.term === 'expiredOccupied' ? ' badge-overdue' : ''}`}>
          {TERM_STATE_LABELS[c.term]}
        </Text>
      </View>
      <Text className="as-line">
        {CONTRACT_KIND_LABELS[c.kind]} · 承租（承包）方：
        <Text className="as-counterparty">{c.counterparty}</Text>
      </Text>
      <Text className="as-line">
        {dateLabel(c.startOn)}至{dateLabel(c.endOn)} · 合同金额 {yuanLabel(c.amountFen)} · 已收{' '}
        {yuanLabel(received)}
      </Text>
      <Text className="as-line">
        {c.decisionTitle ? `依据决策：${c.decisionTitle}` : '金额未达须经决议的标准'}
      </Text>
      {c.vacatedOn ? <Text className="as-hint">{dateLabel(c.vacatedOn)}已交回</Text> : null}
      <View className="as-receivables">
        {c.receivables.map((r) => (
          <View
            key={r.id}
            className={`as-receivable state-${r.state}`}
            id={`receivable-${c.code}-${r.index}`}
          >
            <View className="card-row">
              <Text>
                第{r.index}期 · {dateLabel(r.dueOn)} · {yuanLabel(r.amountFen)}
              </Text>
              <Text
                className={`badge${r.state === 'overdue' ? ' badge-overdue' : r.state === 'received' ? ' badge-ontime' : ''}`}
              >
                {RECEIVABLE_STATE_LABELS[r.state]}
              </Text>
            </View>
            {r.receivedOn ? (
              <Text className="as-hint">{dateLabel(r.receivedOn)}收到，已列入财务公开</Text>
            ) : null}
            {r.waiver ? (
              <Text className="as-hint">
                {dateLabel(r.waiver.on)}经村级决策减免，原因：{r.waiver.reason}
              </Text>
            ) : null}
            {cadre && (r.state === 'due' || r.state === 'overdue') ? (
              <View className="card-row as-actions">
                <Text
                  className="link tap"
                  id={`pay-${c.code}-${r.index}`}
                  onClick={() => toggle({ kind: 'pay', id: r.id })}
                >
                  登记收款
                </Text>
                <Text
                  className="link tap"
                  id={`waive-${c.code}-${r.index}`}
                  onClick={() => toggle({ kind: 'waive', id: r.id })}
                >
                  减免
                </Text>
              </View>
            ) : null}
            {open?.kind === 'pay' && open.id === r.id ? <PaymentForm receivable={r} onDone={done} /> : null}
            {open?.kind === 'waive' && open.id === r.id ? <WaiverForm receivable={r} onDone={done} /> : null}
          </View>
        ))}
      </View>
      {cadre && !c.vacatedOn ? (
        <Text className="link tap" id={`vacate-${c.code}`} onClick={() => toggle({ kind: 'vacate' })}>
          登记交回（退租、收回）
        </Text>
      ) : null}
      {open?.kind === 'vacate' ? <VacateForm contract={c} onDone={done} /> : null}
    </View>
  );
}
