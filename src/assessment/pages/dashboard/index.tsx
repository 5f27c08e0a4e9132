import { useRouter } from '@tarojs/taro';
import '@/features/assessment/assessment.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { DashboardScreen } from '@/features/assessment/DashboardScreen';

export default function AssessmentDashboardPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-assessment-dashboard" wide>
      <RoleGate roles={['townAdmin']}>
        {() => <DashboardScreen initialYear={params.year ? Number(params.year) : undefined} />}
      </RoleGate>
    </Screen>
  );
}
