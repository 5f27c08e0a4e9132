import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RoleGate } from '@/features/account/RoleGate';
import { TownOverview } from '@/features/disclosure/TownOverview';
import { TownFingerprint } from '@/features/record/TownFingerprint';

function Overview() {
  const town = useRequest(() => call('disclosure', 'townStatus', {}), [], { cache: 'townStatus' });
  return (
    <>
      <RequestView state={town}>{(data) => <TownOverview data={data} />}</RequestView>
      <TownFingerprint />
    </>
  );
}

export default function TownOverviewPage() {
  return (
    <Screen id="page-town" wide>
      <RoleGate roles={['townAdmin']}>{() => <Overview />}</RoleGate>
    </Screen>
  );
}
