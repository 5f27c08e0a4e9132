import '@/features/assets/assets.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { useMe } from '@/features/account/session';
import { ItemScreen } from '@/features/assets/ItemScreen';

export default function AssetItemPage() {
  const { params } = useRouter();
  const me = useMe();
  return (
    <Screen id="page-asset-item" wide>
      <ItemScreen itemId={decodeURIComponent(params.itemId ?? '')} binding={me.data?.binding ?? null} />
    </Screen>
  );
}
