import '@/features/assets/assets.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ContractForm } from '@/features/assets/ContractForm';

export default function ContractNewPage() {
  return (
    <Screen id="page-contract-new" wide>
      <RoleGate roles={['cadre']}>{(b) => <ContractForm villageId={b.villageId ?? ''} />}</RoleGate>
    </Screen>
  );
}
