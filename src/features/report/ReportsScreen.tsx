import { EmptyState, ErrorView, Loading } from '@/features/shared/StateViews';
import { isTownAdmin, useMe, viewedVillage } from '@/features/account/session';
import { Archive, SubscribeCard } from './ReportArchive';
import { TownView } from './TownReports';

/** The reports page: the town's overview, or a village's archive with the subscription. */
export function ReportsScreen() {
  const me = useMe();
  if (!me.data) return me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : <Loading />;
  const b = me.data.binding;
  if (!b) return <EmptyState title="您还没有加入村庄" hint="请先在“我的”页面加入村庄。" />;
  if (isTownAdmin(b)) {
    const v = viewedVillage();
    return (
      <>
        <TownView />
        {v ? <Archive villageId={v.id} flagStale={false} /> : null}
      </>
    );
  }
  return (
    <>
      <SubscribeCard />
      <Archive />
    </>
  );
}
