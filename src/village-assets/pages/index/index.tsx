import '@/features/assets/assets.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { useMe } from '@/features/account/session';
import { AssetsScreen } from '@/features/assets/AssetsScreen';

export default function AssetsPage() {
  const { params } = useRouter();
  const me = useMe();
  return (
    <Screen id="page-assets">
      <AssetsScreen binding={me.data?.binding ?? null} villageId={params.villageId || undefined} />
    </Screen>
  );
}
