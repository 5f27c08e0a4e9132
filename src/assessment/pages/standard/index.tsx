import { useRouter } from '@tarojs/taro';
import { chinaDateKey } from '@common/clock';
import '@/features/assessment/assessment.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { StandardEditor } from '@/features/assessment/StandardEditor';

export default function AssessmentStandardPage() {
  const { params } = useRouter();
  const year = params.year ? Number(params.year) : Number(chinaDateKey(new Date()).slice(0, 4));
  return (
    <Screen id="page-assessment-standard" wide>
      <RoleGate roles={['townAdmin']}>{() => <StandardEditor initialYear={year} />}</RoleGate>
    </Screen>
  );
}
