import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import { assetsInputs, type ReceivableView } from '@common/contracts/assets';
import { formatFen, parseYuan } from '@common/money';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { useRequest } from '@/features/shared/useRequest';
import { chinaToday, yuanLabel } from './format';

/** A payment received, shown against the 财务公开 line it appears in (the cadre picks it). */
export function PaymentForm({ receivable, onDone }: { receivable: ReceivableView; onDone: () => void }) {
  const [requestId] = useState(newRequestId);
  const [receivedOn, setReceivedOn] = useState(chinaToday());
  const [amount, setAmount] = useState(formatFen(receivable.amountFen).replace(/,/g, ''));
  const [seriesId, setSeriesId] = useState<string | undefined>();
  const [lineIndex, setLineIndex] = useState<number | undefined>();
  const { errors, message, busy, submit } = useFormSubmit();
  const finance = useRequest(() => call('disclosure', 'list', { category: 'finance' }), []);
  const chosen = finance.data?.items.find((d) => d.seriesId === seriesId);
  const detail = useRequest(() => call('disclosure', 'get', { seriesId: seriesId ?? '' }), [seriesId], {
    enabled: !!seriesId,
  });
  return (
    <View className="as-payment" id="payment-form">
      <Field label="收款日期" name="receivedOn" error={errors.receivedOn} required>
        <Input
          id="payment-date"
          className="input"
          value={receivedOn}
          onChange={setReceivedOn}
          maxLength={10}
        />
      </Field>
      <Field label="收款金额（元）" name="amountFen" error={errors.amountFen} required>
        <Input id="payment-amount" className="input" type="digit" value={amount} onChange={setAmount} />
      </Field>
      <Field
        label="列入哪一期财务公开"
        name="financeLine.seriesId"
        error={errors['financeLine.seriesId']}
        required
      >
        <Chips
          idPrefix="finance"
          options={(finance.data?.items ?? [])
            .slice(0, 6)
            .map((d) => ({ value: d.seriesId, label: d.title }))}
          value={seriesId}
          onChange={(v) => {
            setSeriesId(v);
            setLineIndex(undefined);
          }}
        />
      </Field>
      {detail.data && seriesId ? (
        <Field
          label="对应的收入明细"
          name="financeLine.lineIndex"
          error={errors['financeLine.lineIndex']}
          required
        >
          <Chips
            idPrefix="line"
            options={detail.data.items
              .map((l, i) => ({ l, i }))
              .filter(({ l }) => l.direction === 'income')
              .map(({ l, i }) => ({
                value: i,
                label: `${l.category} ${yuanLabel(l.amountFen)}${l.note ? ` ${l.note}` : ''}`,
              }))}
            value={lineIndex}
            onChange={setLineIndex}
          />
        </Field>
      ) : null}
      <FormError message={message} />
      <Button
        id="payment-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.recordPayment,
            {
              requestId,
              receivableId: receivable.id,
              receivedOn,
              amountFen: parseYuan(amount) ?? undefined,
              financeLine: chosen
                ? { seriesId: chosen.seriesId, version: chosen.version, lineIndex }
                : undefined,
            },
            async (data) => {
              await call('assets', 'recordPayment', data);
              onDone();
            },
            {
              ...(parseYuan(amount) === null ? { amountFen: '请填写金额，最多两位小数' } : {}),
              ...(chosen ? {} : { financeLine: '请选择财务公开' }),
              ...(chosen && lineIndex === undefined ? { 'financeLine.lineIndex': '请选择收入明细' } : {}),
            },
          )
        }
      >
        确认收款
      </Button>
      {errors.financeLine ? <Text className="field-error">{errors.financeLine}</Text> : null}
    </View>
  );
}
