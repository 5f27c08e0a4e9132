import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import { assetsInputs } from '@common/contracts/assets';
import { formatFen, parseYuan } from '@common/money';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { TextField } from '@/features/shared/fields';
import { FormError, useFormSubmit } from '@/features/shared/forms';
import { yuanLabel } from './format';

/** The town sets the contract amount from which a village needs a passed decision (土地流转 always). */
export function ThresholdForm({ thresholdFen, onDone }: { thresholdFen: number; onDone: () => void }) {
  const [amount, setAmount] = useState(formatFen(thresholdFen).replace(/,/g, ''));
  const { errors, message, busy, submit } = useFormSubmit();
  return (
    <View className="card" id="threshold-form">
      <Text className="section-title">须经决议的合同金额</Text>
      <Text className="as-hint">
        合同金额达到此标准的租赁、承包，须经村民代表会议（村民会议）决议；土地流转一律须经决议。
      </Text>
      <TextField
        kind="digits"
        label="标准（元）"
        name="thresholdFen"
        error={errors.thresholdFen}
        required
        id="threshold-amount"
        value={amount}
        onChange={setAmount}
      />
      <FormError message={message} />
      <Button
        id="threshold-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.setThreshold,
            { thresholdFen: parseYuan(amount) ?? undefined },
            async (data) => {
              const sure = await confirmStep({
                title: '确认标准',
                content: `全镇各村合同金额达到 ${yuanLabel(data.thresholdFen)} 的，须经决议。已签合同按新标准重新检查。`,
                confirmText: '确认',
              });
              if (!sure) return;
              await call('assets', 'setThreshold', data);
              onDone();
            },
            parseYuan(amount) === null ? { thresholdFen: '请填写金额，最多两位小数' } : {},
          )
        }
      >
        保存标准
      </Button>
    </View>
  );
}
