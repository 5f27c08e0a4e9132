import '@/features/assets/assets.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ImportScreen } from '@/features/assets/ImportScreen';

export default function ImportPage() {
  return (
    <Screen id="page-assets-import" wide>
      <RoleGate roles={['cadre']}>{(b) => <ImportScreen villageId={b.villageId ?? ''} />}</RoleGate>
    </Screen>
  );
}
