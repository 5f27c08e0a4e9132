import '@/features/oversight/oversight.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { ItemScreen } from '@/features/oversight/ItemScreen';

export default function OversightItemPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-oversight-item">
      <ItemScreen id={params.id ?? ''} />
    </Screen>
  );
}
