import '@/features/survey/survey.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ManageView } from '@/features/survey/ManageView';

export default function SurveyManagePage() {
  return (
    <Screen id="page-survey-manage">
      <RoleGate roles={['cadre', 'townAdmin']}>{(b) => <ManageView binding={b} />}</RoleGate>
    </Screen>
  );
}
