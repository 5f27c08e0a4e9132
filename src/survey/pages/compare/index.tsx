import '@/features/survey/survey.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { CompareView } from '@/features/survey/CompareView';

export default function SurveyComparePage() {
  return (
    <Screen id="page-survey-compare" wide>
      <RoleGate roles={['townAdmin']}>{() => <CompareView />}</RoleGate>
    </Screen>
  );
}
