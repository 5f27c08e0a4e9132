import './record.scss';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDayOf } from '@common/format';
import type { VillageHome } from '@common/contracts/disclosure';

export const verifyUrl = (villageId: string) =>
  `/record/pages/verify/index?villageId=${encodeURIComponent(villageId)}`;

/**
 * The village's public record fingerprint with its date, and the way to check it: a small
 * card under the disclosure status, from the one home call (no request of its own).
 */
export function ChainFingerprint({ villageId, head }: { villageId: string; head: VillageHome['chain'] }) {
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
