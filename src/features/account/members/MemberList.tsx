import { View, Text } from '@tarojs/components';
import { ROLE_LABELS } from '@common/contracts/shared';
import { formatDayOf } from '@common/format';
import { call } from '@/services/api';
import { RequestView } from '../../shared/StateViews';
import { useRequest } from '../../shared/useRequest';

const VIA: Record<string, string> = { invitation: '邀请码', roster: '名册认领', seed: '初始导入' };

export function MemberList({ villageId, version }: { villageId: string; version: number }) {
  const members = useRequest(() => call('account', 'listMembers', { villageId }), [villageId, version]);
  return (
    <View id="member-list" className="card">
      <RequestView state={members}>
        {(data) => (
          <View>
            <Text className="section-title">
              已加入 {data.members.length} 人 · 名册 {data.rosterSize} 人
            </Text>
            {data.members.map((m, i) => (
              <View key={`${m.name}-${i}`} className="member-row">
                <Text className="member-name">{m.name}</Text>
                <Text className="member-roles">{m.roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
                <Text className="state-hint member-via">
                  {formatDayOf(m.boundAt)} 经{VIA[m.via] ?? '其他方式'}加入
                </Text>
              </View>
            ))}
          </View>
        )}
      </RequestView>
    </View>
  );
}
