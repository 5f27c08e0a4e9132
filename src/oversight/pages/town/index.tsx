import '@/features/oversight/oversight.scss';
import { Screen } from '@/features/shared/Screen';
import { TownScreen } from '@/features/oversight/TownScreen';

export default function OversightTownPage() {
  return (
    <Screen id="page-oversight-town" wide>
      <TownScreen />
    </Screen>
  );
}
