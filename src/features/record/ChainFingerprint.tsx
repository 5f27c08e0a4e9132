import './record.scss';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDayOf } from '@common/format';
import { call } from '@/services/api';
import { useRequest } from '@/features/shared/useRequest';

export const verifyUrl = (villageId: string) =>
  `/record/pages/verify/index?villageId=${encodeURIComponent(villageId)}`;

/**
 * The village's public record fingerprint with its date, and the way to check it: a small
 * card that loads on its own (the home shows it under the disclosure status).
 */
export function ChainFingerprint({ villageId }: { villageId: string }) {
  const req = useRequest(() => call('record', 'head', { villageId }), [villageId], {
    cache: `chainHead:${villageId}`,
  });
  const head = req.data?.head;
  if (!head) return null;
  return (
    <View
      id="home-fingerprint"
      className="card tap"
      onClick={() => Taro.navigateTo({ url: verifyUrl(villageId) })}
    >
      <View className="card-row">
        <Text className="section-title">公开记录指纹</Text>
        <Text className="link">核验 ›</Text>
      </View>
      <Text id="home-fingerprint-value" className="fingerprint">
        {head.fingerprint}
      </Text>
      <Text className="state-hint">
        截至 {formatDayOf(head.at)}，共 {head.seq} 条公开记录。请与月报、公开栏上印的指纹对照。
      </Text>
    </View>
  );
}
