import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { useMe } from '@/features/account/session';
import { DecisionScreen } from '@/features/decisions/DecisionScreen';

export default function DecisionPage() {
  const { params } = useRouter();
  const me = useMe();
  return (
    <Screen id="page-decision" wide>
      <DecisionScreen id={decodeURIComponent(params.id ?? '')} binding={me.data?.binding ?? null} />
    </Screen>
  );
}
