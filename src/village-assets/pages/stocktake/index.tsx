import '@/features/assets/assets.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { StocktakeScreen } from '@/features/assets/StocktakeScreen';

export default function StocktakePage() {
  return (
    <Screen id="page-stocktake" wide>
      <RoleGate roles={['supervisor']}>{(b) => <StocktakeScreen villageId={b.villageId ?? ''} />}</RoleGate>
    </Screen>
  );
}
