import '@/features/oversight/oversight.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { LogScreen } from '@/features/oversight/LogScreen';

export default function OversightLogPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-oversight-log" wide>
      <LogScreen villageId={params.villageId || undefined} />
    </Screen>
  );
}
