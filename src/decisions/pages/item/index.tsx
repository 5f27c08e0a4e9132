import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { ItemScreen } from '@/features/decisions/ItemScreen';

export default function PowerItemPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-power-item">
      <ItemScreen
        id={decodeURIComponent(params.id ?? '')}
        version={params.version ? Number(params.version) : undefined}
      />
    </Screen>
  );
}
