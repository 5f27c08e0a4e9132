import '@/features/survey/survey.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { TrendView } from '@/features/survey/TrendView';

export default function SurveyTrendPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-survey-trend">
      <TrendView villageId={params.villageId || undefined} />
    </Screen>
  );
}
