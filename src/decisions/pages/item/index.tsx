import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { ItemScreen } from '@/features/decisions/ItemScreen';
import { useMe } from '@/features/account/session';

export default function PowerItemPage() {
  const { params } = useRouter();
  const me = useMe();
  return (
    <Screen id="page-power-item">
      <ItemScreen
        id={decodeURIComponent(params.id ?? '')}
        version={params.version ? Number(params.version) : undefined}
        binding={me.data?.binding ?? null}
      />
    </Screen>
  );
}
