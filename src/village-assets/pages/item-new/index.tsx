import '@/features/assets/assets.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ItemForm } from '@/features/assets/ItemForm';

export default function ItemNewPage() {
  return (
    <Screen id="page-item-new" wide>
      <RoleGate roles={['cadre']}>{(b) => <ItemForm villageId={b.villageId ?? ''} />}</RoleGate>
    </Screen>
  );
}
