import '@/features/disclosure/form/form.scss';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { DisclosureForm } from '@/features/disclosure/form/DisclosureForm';

export default function PublishPage() {
  return (
    <Screen id="page-publish" wide>
      <RoleGate roles={['cadre']}>
        {(b) => <DisclosureForm mode="publish" villageId={b.villageId ?? ''} />}
      </RoleGate>
    </Screen>
  );
}
