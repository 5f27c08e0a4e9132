import { View, Text } from '@tarojs/components';
import { call } from '@/services/api';
import { Chips } from '../../shared/forms';
import { ErrorView, Loading } from '../../shared/StateViews';
import { useRequest } from '../../shared/useRequest';

/** A town admin chooses which village of the town to look at or manage. */
export function VillagePicker({
  value,
  onChange,
  idPrefix = 'members-village',
  title = '选择村',
}: {
  value: string | null | undefined;
  onChange: (id: string, name: string) => void;
  idPrefix?: string;
  title?: string;
}) {
  const villages = useRequest(() => call('account', 'villages', {}), [], { cache: 'villages' });
  return (
    <View id="village-picker" className="card form village-picker">
      <Text className="section-title">{title}</Text>
      {villages.data ? (
        <Chips
          idPrefix={idPrefix}
          options={villages.data.villages.map((v) => ({ value: v.id, label: v.name }))}
          value={value ?? undefined}
          onChange={(id) => onChange(id, villages.data?.villages.find((v) => v.id === id)?.name ?? '')}
        />
      ) : villages.error ? (
        <ErrorView error={villages.error} onRetry={villages.reload} />
      ) : (
        <Loading />
      )}
    </View>
  );
}
