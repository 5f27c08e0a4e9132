import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { PowerListScreen } from '@/features/decisions/PowerListScreen';

export default function PowerListPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-power-list">
      <PowerListScreen
        villageId={params.villageId || undefined}
        initialQuery={decodeURIComponent(params.q ?? '').slice(0, 40)}
      />
    </Screen>
  );
}
