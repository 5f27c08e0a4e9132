import '@/features/survey/survey.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { ResultsView } from '@/features/survey/ResultsView';

export default function SurveyResultsPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-survey-results">
      <ResultsView roundId={decodeURIComponent(params.roundId ?? '')} />
    </Screen>
  );
}
