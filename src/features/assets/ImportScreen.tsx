import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { call, newRequestId } from '@/services/api';
import { FormError, useFormSubmit } from '@/features/shared/forms';
import { parseRegisterPaste } from './paste';

/** A register pasted from Excel: every row checked on the phone first, then imported at once. */
export function ImportScreen({ villageId }: { villageId: string }) {
  const [requestId] = useState(newRequestId);
  const [text, setText] = useState('');
  const { busy, message, run } = useFormSubmit();
  const rows = parseRegisterPaste(text);
  const bad = rows.filter((r) => r.error);
  return (
    <View className="card" id="import-form">
      <Text className="section-title">从表格粘贴登记簿</Text>
      <Text className="as-hint">
        在 Excel 或 WPS
        中选中表格（含表头：编号、名称、类别、位置、取得日期、原值或余额、面积、状态），复制后粘贴到下面。
      </Text>
      <TextArea id="import-text" value={text} onChange={setText} maxLength={100_000} rows={8} />
      {rows.length ? (
        <Text className="as-hint" id="import-summary">
          共 {rows.length} 行，{bad.length ? `${bad.length} 行需要修改` : '都可以导入'}
        </Text>
      ) : null}
      {bad.map((r) => (
        <Text key={r.line} className="field-error" id={`import-error-${r.line}`}>
          第{r.line}行：{r.error}
        </Text>
      ))}
      <FormError message={message} />
      <Button
        id="import-submit"
        type="primary"
        block
        loading={busy}
        disabled={!rows.length || bad.length > 0}
        onClick={() =>
          void run(async () => {
            const r = await call('assets', 'importItems', {
              requestId,
              villageId,
              items: rows.flatMap((x) => (x.item ? [x.item] : [])),
            });
            await Taro.showToast({
              title: r.existing
                ? `新登记 ${r.created} 项；${r.existing} 项编号已登记，未改动`
                : `新登记 ${r.created} 项`,
              icon: 'none',
            });
            await Taro.navigateBack();
          })
        }
      >
        导入
      </Button>
    </View>
  );
}
