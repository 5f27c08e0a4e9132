import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { useMe } from '@/features/account/session';
import { DecisionListScreen } from '@/features/decisions/DecisionListScreen';

export default function DecisionListPage() {
  const { params } = useRouter();
  const me = useMe();
  return (
    <Screen id="page-decisions">
      <DecisionListScreen binding={me.data?.binding ?? null} villageId={params.villageId || undefined} />
    </Screen>
  );
}
