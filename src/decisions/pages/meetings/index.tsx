import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { RegularMeetingsScreen } from '@/features/decisions/RegularMeetingsScreen';

export default function RegularMeetingsPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-regular-meetings" wide>
      <RoleGate roles={['cadre', 'supervisor', 'townAdmin']}>
        {(b) => <RegularMeetingsScreen binding={b} villageId={params.villageId || undefined} />}
      </RoleGate>
    </Screen>
  );
}
