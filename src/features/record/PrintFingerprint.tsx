import './printFingerprint.scss';
import { View, Text } from '@tarojs/components';
import type { ChainHeadView } from '@common/contracts/record';
import { formatDayOf } from '@common/format';

/**
 * The village's public record fingerprint as print views show it (poster, assessment sheet),
 * like the monthly report: 4 groups of 4 characters, the date and the number of records, so a
 * paper copy can later be checked against 核验公开记录.
 */
export function PrintFingerprint({
  head,
  id = 'print-fingerprint',
}: {
  head: ChainHeadView | null;
  id?: string;
}) {
  if (!head) return null;
  return (
    <View id={id} className="print-fingerprint">
      <Text className="print-fingerprint-line">
        本村公开记录指纹：<Text className="print-fingerprint-value">{head.fingerprint}</Text>
      </Text>
      <Text className="print-fingerprint-line">
        截至 {formatDayOf(head.at)}，共 {head.seq} 条公开记录。可在小程序“核验公开记录”中对照。
      </Text>
    </View>
  );
}
