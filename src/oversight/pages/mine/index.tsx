import '@/features/oversight/oversight.scss';
import { Screen } from '@/features/shared/Screen';
import { MyItemsScreen } from '@/features/oversight/ListScreens';

export default function OversightMinePage() {
  return (
    <Screen id="page-oversight-mine">
      <MyItemsScreen />
    </Screen>
  );
}
