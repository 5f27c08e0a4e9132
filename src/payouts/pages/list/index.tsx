import '@/features/payouts/payouts.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { EmptyState } from '@/features/shared/StateViews';
import { ListScreen } from '@/features/payouts/ListScreen';

export default function PayoutListPage() {
  const { params } = useRouter();
  const version = Number(params.version);
  return (
    <Screen id="page-payout-list">
      {params.seriesId ? (
        <ListScreen
          seriesId={params.seriesId}
          version={Number.isInteger(version) && version > 0 ? version : undefined}
        />
      ) : (
        <EmptyState title="没有找到这份名单" />
      )}
    </Screen>
  );
}
