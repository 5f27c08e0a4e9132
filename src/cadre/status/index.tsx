import '@/features/disclosure/form/form.scss';
import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RoleGate } from '@/features/account/RoleGate';
import { StatusCard } from '@/features/disclosure/StatusCard';
import { formatChinaDateTime } from '@common/clock';

function VillageStatus() {
  const status = useRequest(() => call('disclosure', 'status', {}), []);
  return (
    <RequestView state={status}>
      {(s) => (
        <View>
          <View className="card">
            <Text className="home-village">{s.villageName}</Text>
            <Text className="state-hint">
              {s.lastPublishedAt
                ? `最近一次公开：${formatChinaDateTime(s.lastPublishedAt)}`
                : '还没有发布过公开'}
            </Text>
          </View>
          <StatusCard status={s} showDueSoon />
        </View>
      )}
    </RequestView>
  );
}

export default function StatusPage() {
  return (
    <Screen id="page-status" wide>
      <RoleGate roles={['cadre', 'supervisor']}>{() => <VillageStatus />}</RoleGate>
    </Screen>
  );
}
