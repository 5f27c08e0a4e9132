import '@/features/report/report.scss';
import { Screen } from '@/features/shared/Screen';
import { ReportsScreen } from '@/features/report/ReportsScreen';

export default function ReportsPage() {
  return (
    <Screen id="page-reports">
      <ReportsScreen />
    </Screen>
  );
}
