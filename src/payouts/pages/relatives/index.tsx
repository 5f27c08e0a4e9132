import '@/features/payouts/payouts.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { RelativesScreen } from '@/features/account/RelativesScreen';

export default function RelativesPage() {
  return (
    <Screen id="page-relatives">
      <RoleGate roles={['cadre', 'supervisor']}>{() => <RelativesScreen />}</RoleGate>
    </Screen>
  );
}
