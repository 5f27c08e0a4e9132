import '@/features/oversight/oversight.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { InboxScreen } from '@/features/oversight/ListScreens';

export default function OversightInboxPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-oversight-inbox" wide>
      <InboxScreen villageId={params.villageId || undefined} />
    </Screen>
  );
}
