import '@/features/payouts/payouts.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { hasAnyRole } from '@/features/account/session';
import { SupervisorFlagsScreen, TownFlagsScreen } from '@/features/payouts/FlagsScreen';

export default function PayoutFlagsPage() {
  return (
    <Screen id="page-payout-flags" wide>
      <RoleGate roles={['supervisor', 'townAdmin']}>
        {(b) => (hasAnyRole(b, 'townAdmin') ? <TownFlagsScreen /> : <SupervisorFlagsScreen />)}
      </RoleGate>
    </Screen>
  );
}
