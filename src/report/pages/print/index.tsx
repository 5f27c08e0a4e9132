import '@/features/report/report.scss';
import './index.scss';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useRouter } from '@tarojs/taro';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { NotFoundView, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { ReportBody } from '@/features/report/ReportBody';
import { MISSING_REPORT, monthLabel } from '@/features/report/format';

export default function PrintPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  return (
    <Screen id="page-report-print">
      {id ? <PrintView id={id} /> : <NotFoundView missing={MISSING_REPORT} />}
    </Screen>
  );
}

/** The report laid out on an A4 sheet. */
function PrintView({ id }: { id: string }) {
  const req = useRequest(() => call('report', 'getReport', { reportId: id }), [id]);
  return (
    <RequestView state={req} missing={MISSING_REPORT}>
      {(r) => (
        <View>
          <View className="print-toolbar report-actions">
            {process.env.TARO_ENV === 'h5' ? (
              <Button id="do-print" type="primary" onClick={() => window.print()}>
                打印
              </Button>
            ) : (
              <Text className="report-sub">请在电脑上打开本页后打印（A4 纸）。</Text>
            )}
          </View>
          <View className="print-sheet" id="print-sheet">
            <View className="print-head">
              <Text className="report-title">
                {r.content.villageName}
                {monthLabel(r.month)}村情月报
              </Text>
              <Text className="report-sub">
                {r.publishedAt ? `发布时间：${formatChinaDateTime(r.publishedAt)}` : '草稿，尚未发布'}
              </Text>
            </View>
            {r.note ? <Text className="report-note">村两委的话：{r.note}</Text> : null}
            <ReportBody content={r.content} />
            <Text className="print-foot">
              如有疑问，请向村务监督委员会反映。本月报根据本村已公开的内容汇总。
            </Text>
          </View>
        </View>
      )}
    </RequestView>
  );
}
