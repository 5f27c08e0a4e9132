import '@/features/payouts/payouts.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { EditScreen } from '@/features/payouts/EditScreen';

export default function PayoutEditPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-payout-edit" wide>
      <RoleGate roles={['cadre']}>
        {(b) => <EditScreen villageId={b.villageId ?? ''} seriesId={params.seriesId || undefined} />}
      </RoleGate>
    </Screen>
  );
}
