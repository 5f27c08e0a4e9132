import { useRouter } from '@tarojs/taro';
import '@/features/disclosure/form/form.scss';
import '@/features/assessment/assessment.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { SheetScreen } from '@/features/assessment/SheetScreen';

export default function AssessmentSheetPage() {
  const { params } = useRouter();
  const year = params.year ? Number(params.year) : undefined;
  return (
    <Screen id="page-assessment-sheet" wide>
      <RoleGate roles={['cadre', 'supervisor', 'townAdmin']}>
        {() => <SheetScreen villageId={params.villageId || undefined} year={year} />}
      </RoleGate>
    </Screen>
  );
}
