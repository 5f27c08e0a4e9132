import '@/features/decisions/decisions.scss';
import { useRouter } from '@tarojs/taro';
import { Screen } from '@/features/shared/Screen';
import { RoleGate } from '@/features/account/RoleGate';
import { ItemEditor } from '@/features/decisions/ItemEditor';

export default function ItemEditPage() {
  const { params } = useRouter();
  return (
    <Screen id="page-item-edit" wide>
      <RoleGate roles={['cadre', 'townAdmin']}>
        {(b) => <ItemEditor binding={b} id={params.id ? decodeURIComponent(params.id) : undefined} />}
      </RoleGate>
    </Screen>
  );
}
