import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { Chips } from '../../shared/forms';
import { ErrorView, Loading } from '../../shared/StateViews';
import { useRequest } from '../../shared/useRequest';

/** A town admin chooses which village of the town to manage. */
export function VillagePicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const villages = useRequest(() => call('account', 'villages', {}), []);
  return (
    <View id="village-picker" className="card form">
      <Text className="section-title">选择村</Text>
      {villages.data ? (
        <Chips
          idPrefix="members-village"
          options={villages.data.villages.map((v) => ({ value: v.id, label: v.name }))}
          value={value ?? undefined}
          onChange={onChange}
        />
      ) : villages.error ? (
        <ErrorView error={villages.error} onRetry={villages.reload} />
      ) : (
        <Loading />
      )}
    </View>
  );
}
