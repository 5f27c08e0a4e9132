import '@/features/disclosure/form/form.scss';
import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { RoleGate } from '@/features/account/RoleGate';
import { StatusCard } from '@/features/disclosure/StatusCard';
import { formatChinaDateTime } from '@common/clock';
import type { Gap } from '@common/contracts/disclosure';
import { isCadre } from '@/features/account/session';
import { navigateTo } from '../../features/shared/nav';

/** The publish form for the missing period. */
function openPublish(g: Gap) {
  navigateTo({ url: `/cadre/publish/index?category=${g.category}&period=${g.periodKey}` });
}

function VillageStatus({ canPublish }: { canPublish: boolean }) {
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
          <StatusCard status={s} showDueSoon onOpenGap={canPublish ? openPublish : undefined} />
        </View>
      )}
    </RequestView>
  );
}

export default function StatusPage() {
  return (
    <Screen id="page-status" wide>
      <RoleGate roles={['cadre', 'supervisor']}>{(b) => <VillageStatus canPublish={isCadre(b)} />}</RoleGate>
    </Screen>
  );
}
