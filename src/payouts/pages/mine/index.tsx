import '@/features/payouts/payouts.scss';
import { Screen } from '@/features/shared/Screen';
import { MineScreen } from '@/features/payouts/MineScreen';

export default function PayoutMinePage() {
  return (
    <Screen id="page-payout-mine">
      <MineScreen />
    </Screen>
  );
}
