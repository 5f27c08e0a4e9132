import '@/features/survey/survey.scss';
import { Screen } from '@/features/shared/Screen';
import { VoteView } from '@/features/survey/VoteView';

export default function SurveyVotePage() {
  return (
    <Screen id="page-survey-vote">
      <VoteView />
    </Screen>
  );
}
