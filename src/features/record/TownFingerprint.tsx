import './record.scss';
import { View, Text } from '@tarojs/components';
import { formatDate } from '@common/format';
import { call } from '@/services/api';
import { useRequest } from '@/features/shared/useRequest';

/**
 * The town's latest daily fingerprint (of every village's public record head), with its date:
 * what the town keeps so that no village's record can be rewritten from end to end unseen.
 */
export function TownFingerprint() {
  const req = useRequest(() => call('record', 'townHead', {}), [], { cache: 'townHead' });
  const head = req.data?.head;
  if (!head) return null;
  return (
    <View id="town-fingerprint" className="card">
      <Text className="section-title">全镇每日指纹</Text>
      <Text id="town-fingerprint-value" className="fingerprint">
        {head.fingerprint}
      </Text>
      <Text className="state-hint">
        {formatDate(head.day)}记下的各村公开记录指纹（共记 {head.seq}{' '}
        天）。哪个村的记录被整体改写，都会与这里对不上。
      </Text>
    </View>
  );
}
