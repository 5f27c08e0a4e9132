import { View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { assetsInputs, type ContractView } from '@common/contracts/assets';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { DateField } from '@/features/shared/DateField';
import { Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { chinaToday, dateLabel } from './format';

/** The object of a contract handed back (退还、交回): it is then no longer occupied. */
export function VacateForm({ contract, onDone }: { contract: ContractView; onDone: () => void }) {
  const [on, setOn] = useState(chinaToday());
  const { errors, message, busy, submit } = useFormSubmit();
  return (
    <View className="as-payment" id="vacate-form">
      <Field label="交回日期" name="on" error={errors.on} required>
        <DateField id="vacate-on" value={on} onChange={setOn} startYear={2000} />
      </Field>
      <FormError message={message} />
      <Button
        id="vacate-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(assetsInputs.recordVacated, { contractId: contract.id, on }, async (data) => {
            const sure = await confirmStep({
              title: '确认交回',
              content: `${contract.itemName}于${dateLabel(on)}交回村集体，合同（${contract.code}）不再占用。登记后不能撤销。`,
              confirmText: '确认交回',
            });
            if (!sure) return;
            await call('assets', 'recordVacated', data);
            onDone();
          })
        }
      >
        确认交回
      </Button>
    </View>
  );
}
