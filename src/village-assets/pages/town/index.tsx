import '@/features/assets/assets.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { TownAssetsScreen } from '@/features/assets/TownAssetsScreen';

export default function TownAssetsPage() {
  return (
    <Screen id="page-town-assets" wide>
      <RoleGate roles={['townAdmin']}>{() => <TownAssetsScreen />}</RoleGate>
    </Screen>
  );
}
