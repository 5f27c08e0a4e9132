import { View, Text } from '@tarojs/components';
import type { Binding } from '@common/contracts/account';
import { ROLE_LABELS } from '@common/contracts/labels';

export function BindingCard({ binding }: { binding: Binding }) {
  return (
    <View id="binding-card" className="card binding-card">
      <Text id="me-name" className="me-name">
        {binding.name}
      </Text>
      <Text id="me-village" className="me-village">
        {binding.villageName ? `${binding.townName} · ${binding.villageName}` : binding.townName}
      </Text>
      <View className="me-roles">
        {binding.roles.map((r) => (
          <Text key={r} className={`badge role-label role-${r}`}>
            {ROLE_LABELS[r]}
          </Text>
        ))}
      </View>
    </View>
  );
}
