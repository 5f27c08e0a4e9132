import '@/features/survey/survey.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { PaperView } from '@/features/survey/PaperView';

export default function SurveyPaperPage() {
  return (
    <Screen id="page-survey-paper">
      <RoleGate roles={['supervisor']}>{() => <PaperView />}</RoleGate>
    </Screen>
  );
}
