import '@/features/decisions/decisions.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ProposeScreen } from '@/features/decisions/ProposeScreen';

export default function ProposePage() {
  return (
    <Screen id="page-propose" wide>
      <RoleGate roles={['cadre']}>{(b) => <ProposeScreen villageId={b.villageId ?? ''} />}</RoleGate>
    </Screen>
  );
}
