import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import { assetsInputs, type ReceivableView } from '@common/contracts/assets';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { DateField } from '@/features/shared/DateField';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { usePassedDecisions } from './decisionOptions';
import { chinaToday, dateLabel, yuanLabel } from './format';

/** A receivable waived (减免): only with a reason and the passed decision that allowed it. */
export function WaiverForm({ receivable, onDone }: { receivable: ReceivableView; onDone: () => void }) {
  const [on, setOn] = useState(chinaToday());
  const [reason, setReason] = useState('');
  const [decisionId, setDecisionId] = useState<string | undefined>();
  const decisions = usePassedDecisions();
  const { errors, message, busy, submit } = useFormSubmit();
  return (
    <View className="as-payment" id="waiver-form">
      <Text className="as-hint">
        减免第{receivable.index}期 {yuanLabel(receivable.amountFen)}（{dateLabel(receivable.dueOn)}到期）：
        须经村民代表会议（村民会议）决议，并写明原因。
      </Text>
      <Field label="减免日期" name="on" error={errors.on} required>
        <DateField id="waiver-on" value={on} onChange={setOn} />
      </Field>
      <Field label="减免原因" name="reason" error={errors.reason} required>
        <Input
          id="waiver-reason"
          className="input"
          value={reason}
          onChange={setReason}
          maxLength={200}
          placeholder="例如 遭受洪灾，减免当年承包费"
        />
      </Field>
      <Field label="依据的决策" name="decisionId" error={errors.decisionId} required>
        {decisions.length ? (
          <Chips idPrefix="waiver-decision" options={decisions} value={decisionId} onChange={setDecisionId} />
        ) : (
          <Text className="as-hint">本村还没有已通过的决策事项，不能减免</Text>
        )}
      </Field>
      <FormError message={message} />
      <Button
        id="waiver-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.waive,
            { receivableId: receivable.id, on, reason, decisionId },
            async (data) => {
              const sure = await confirmStep({
                title: '确认减免',
                content: `减免 ${yuanLabel(receivable.amountFen)}，原因：${reason}。登记后不能撤销，将向村民公开。`,
                confirmText: '确认减免',
              });
              if (!sure) return;
              await call('assets', 'waive', data);
              onDone();
            },
            decisionId ? {} : { decisionId: '请选择已通过的决策事项' },
          )
        }
      >
        确认减免
      </Button>
    </View>
  );
}
