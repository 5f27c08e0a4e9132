import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import '@/features/assessment/assessment.scss';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { PrintSheet } from '@/features/assessment/PrintSheet';

export default function AssessmentPrintPage() {
  const { params } = useRouter();
  const year = params.year ? Number(params.year) : undefined;
  const sheet = useRequest(
    () => call('assessment', 'sheet', { villageId: params.villageId || undefined, year }),
    [params.villageId, year],
  );
  // The village's public record fingerprint, printed at the foot like the monthly report's.
  const villageId = sheet.data?.village.id;
  const chain = useRequest(() => call('record', 'head', { villageId }), [villageId], {
    enabled: !!villageId,
  });
  return (
    <Screen id="page-assessment-print" wide>
      {process.env.TARO_ENV === 'h5' ? (
        <View className="no-print sheet-tools">
          <Button id="print-now" type="primary" onClick={() => window.print()}>
            打印（A4）
          </Button>
        </View>
      ) : null}
      <RequestView state={sheet}>{(v) => <PrintSheet v={v} chain={chain.data?.head} />}</RequestView>
    </Screen>
  );
}
