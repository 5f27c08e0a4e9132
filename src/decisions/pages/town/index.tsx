import '@/features/decisions/decisions.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { TownScreen } from '@/features/decisions/TownScreen';

export default function TownDecisionsPage() {
  return (
    <Screen id="page-town-decisions" wide>
      <RoleGate roles={['townAdmin']}>{() => <TownScreen />}</RoleGate>
    </Screen>
  );
}
