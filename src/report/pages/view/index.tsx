import '@/features/report/report.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { ReportScreen } from '@/features/report/ReportScreen';

export default function ReportPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  return (
    <Screen id="page-report">
      <ReportScreen id={id} />
    </Screen>
  );
}
