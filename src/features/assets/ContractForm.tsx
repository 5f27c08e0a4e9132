import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  assetsInputs,
  CONTRACT_KINDS,
  CONTRACT_KIND_LABELS,
  type ContractKind,
} from '@common/contracts/assets';
import { parseYuan } from '@common/money';
import { call, newRequestId } from '@/services/api';
import { ChoiceField, TextField } from '@/features/shared/fields';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { useRequest } from '@/features/shared/useRequest';
import { chinaToday } from './format';

interface Row {
  dueOn: string;
  amount: string;
}

/** A cadre registers a contract on an item, with its payment schedule and the decision that allowed it. */
export function ContractForm({ villageId }: { villageId: string }) {
  const [requestId] = useState(newRequestId);
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<ContractKind>('lease');
  const [itemId, setItemId] = useState<string | undefined>();
  const [party, setParty] = useState<'person' | 'organization'>('person');
  const [partyName, setPartyName] = useState('');
  const [startOn, setStartOn] = useState(chinaToday());
  const [endOn, setEndOn] = useState('');
  const [amount, setAmount] = useState('');
  const [deposit, setDeposit] = useState('0');
  const [rows, setRows] = useState<Row[]>([{ dueOn: '', amount: '' }]);
  const [decisionId, setDecisionId] = useState<string | undefined>();
  const { errors, message, busy, submit } = useFormSubmit();
  const register = useRequest(() => call('assets', 'register', {}), []);
  const decisions = useRequest(() => call('decisions', 'decisions', { limit: 50 }), []);
  const passed = (decisions.data?.items ?? []).filter(
    (d) => d.status === 'resolved' || d.status === 'completed',
  );
  const setRow = (i: number, r: Partial<Row>) =>
    setRows((rs) => rs.map((x, k) => (k === i ? { ...x, ...r } : x)));
  return (
    <View className="card" id="contract-form">
      <Text className="section-title">登记合同</Text>
      <TextField
        label="合同编号"
        name="code"
        error={errors.code}
        required
        id="contract-code"
        value={code}
        onChange={setCode}
        maxLength={20}
      />
      <ChoiceField
        label="合同类别"
        name="kind"
        error={errors.kind}
        required
        idPrefix="kind"
        values={CONTRACT_KINDS}
        labels={CONTRACT_KIND_LABELS}
        value={kind}
        onChange={setKind}
      />
      <Field label="标的（登记簿中的资产或资源）" name="itemId" error={errors.itemId} required>
        <Chips
          idPrefix="object"
          options={(register.data?.items ?? [])
            .filter((i) => i.kind !== 'funds' && i.status !== 'disposed')
            .map((i) => ({ value: i.id, label: i.name }))}
          value={itemId}
          onChange={setItemId}
        />
      </Field>
      <Field label="承租（承包）方" name="counterparty.kind" error={errors['counterparty.kind']} required>
        <Chips
          idPrefix="party"
          options={[
            { value: 'person' as const, label: '个人（村民只看到姓氏）' },
            { value: 'organization' as const, label: '单位、合作社' },
          ]}
          value={party}
          onChange={setParty}
        />
      </Field>
      <TextField
        label="名称或姓名"
        name="counterparty.name"
        error={errors['counterparty.name']}
        required
        id="contract-party"
        value={partyName}
        onChange={setPartyName}
        maxLength={40}
      />
      <TextField
        label="起始日期"
        name="startOn"
        error={errors.startOn}
        required
        id="contract-start"
        value={startOn}
        onChange={setStartOn}
        maxLength={10}
      />
      <TextField
        label="到期日期"
        name="endOn"
        error={errors.endOn}
        required
        id="contract-end"
        value={endOn}
        onChange={setEndOn}
        maxLength={10}
        placeholder="例如 2029-02-28"
      />
      <TextField
        kind="digits"
        label="合同总金额（元）"
        name="amountFen"
        error={errors.amountFen}
        required
        id="contract-amount"
        value={amount}
        onChange={setAmount}
      />
      <TextField
        kind="digits"
        label="押金（元）"
        name="depositFen"
        error={errors.depositFen}
        id="contract-deposit"
        value={deposit}
        onChange={setDeposit}
      />
      <Field label="收款计划（各期之和须等于合同总金额）" name="schedule" error={errors.schedule} required>
        {rows.map((r, i) => (
          <View key={i} className="as-schedule-row" id={`schedule-${i}`}>
            <Input
              className="input schedule-date"
              value={r.dueOn}
              onChange={(v) => setRow(i, { dueOn: v })}
              placeholder="应收日期"
              maxLength={10}
            />
            <Input
              className="input schedule-amount"
              type="digit"
              value={r.amount}
              onChange={(v) => setRow(i, { amount: v })}
              placeholder="金额（元）"
            />
          </View>
        ))}
        <Text
          className="link tap"
          id="schedule-add"
          onClick={() => setRows((rs) => [...rs, { dueOn: '', amount: '' }])}
        >
          再加一期
        </Text>
      </Field>
      <Field
        label="依据的决策（土地流转和达到镇定金额的合同必选）"
        name="decisionId"
        error={errors.decisionId}
      >
        <Chips
          idPrefix="decision"
          options={passed.map((d) => ({ value: d.id, label: d.title }))}
          value={decisionId}
          onChange={(v) => setDecisionId(v === decisionId ? undefined : v)}
        />
      </Field>
      <FormError message={message} />
      <Button
        id="contract-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.createContract,
            {
              requestId,
              villageId,
              code,
              kind,
              itemId,
              counterparty: { kind: party, name: partyName },
              startOn,
              endOn,
              amountFen: parseYuan(amount) ?? undefined,
              depositFen: parseYuan(deposit) ?? undefined,
              schedule: rows.map((r) => ({ dueOn: r.dueOn, amountFen: parseYuan(r.amount) ?? undefined })),
              ...(decisionId ? { decisionId } : {}),
            },
            async (data) => {
              await call('assets', 'createContract', data);
              await Taro.navigateBack();
            },
            itemId ? {} : { itemId: '请选择标的' },
          )
        }
      >
        登记合同
      </Button>
    </View>
  );
}
