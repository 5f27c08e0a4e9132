import '@/features/payouts/payouts.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { PayoutsScreen } from '@/features/payouts/PayoutsScreen';

export default function PayoutsPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-payouts">
      <PayoutsScreen villageId={params.villageId || undefined} />
    </Screen>
  );
}
