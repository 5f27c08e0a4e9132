import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useTownPager } from '@/features/shared/TownPager';
import { RoleGate } from '@/features/account/RoleGate';
import { TownOverview } from '@/features/disclosure/TownOverview';
import { TownFingerprint } from '@/features/record/TownFingerprint';

function Overview() {
  const pager = useTownPager();
  const { cursor } = pager;
  // The first page is kept for slow networks; later pages are read when asked for.
  const town = useRequest(() => call('disclosure', 'townStatus', cursor ? { cursor } : {}), [cursor], {
    cache: cursor ? undefined : 'townStatus',
  });
  return (
    <>
      <RequestView state={town}>{(data) => <TownOverview data={data} pager={pager} />}</RequestView>
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
