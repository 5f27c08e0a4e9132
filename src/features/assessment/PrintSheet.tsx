import { View, Text } from '@tarojs/components';
import type { SheetView } from '@common/contracts/assessment';
import type { ChainHeadView } from '@common/contracts/record';
import { formatChinaDateTime } from '@common/clock';
import { PrintFingerprint } from '@/features/record/PrintFingerprint';
import { points } from './labels';

/**
 * The score sheet as a printable A4 table (print from the browser, or a screenshot on a phone),
 * with the village's public record fingerprint at the time of printing.
 */
export function PrintSheet({
  v,
  townName,
  chain,
}: {
  v: SheetView;
  townName?: string;
  chain?: ChainHeadView | null;
}) {
  const tier = v.confirmed ?? v.computedTier;
  let n = 0;
  return (
    <View id="print-sheet" className="print-sheet">
      <Text className="print-title">
        {v.village.name}
        {v.year}年度村级“清廉村居”建设指数标准评分表
      </Text>
      <Text className="print-meta">
        {townName ? `${townName}  ` : ''}标准：{v.standard.title}（第 {v.standard.version} 版）
      </Text>
      <View className="print-table">
        <View className="print-row print-head">
          <Text className="pc pc-n">序号</Text>
          <Text className="pc pc-t">评分项目</Text>
          <Text className="pc pc-s">分值</Text>
          <Text className="pc pc-s">自评</Text>
          <Text className="pc pc-s">审核</Text>
        </View>
        {v.sections.map((sec) => (
          <View key={sec.id}>
            <View className="print-row print-section">
              <Text className="pc pc-all">{sec.title}</Text>
            </View>
            {v.entries
              .filter((e) => e.kind === 'item' && e.sectionId === sec.id)
              .map((e) => (
                <View key={e.id} className="print-row">
                  <Text className="pc pc-n">{++n}</Text>
                  <Text className="pc pc-t">{e.title}</Text>
                  <Text className="pc pc-s">{e.maxPoints}</Text>
                  <Text className="pc pc-s">
                    {points(e.self.score ?? e.auto?.points)}
                    {e.override ? `（系统 ${e.override.autoPoints}）` : ''}
                  </Text>
                  <Text className="pc pc-s">{points(e.review?.score)}</Text>
                </View>
              ))}
          </View>
        ))}
        {v.entries
          .filter((e) => e.kind === 'bonus')
          .map((e) => (
            <View key={e.id} className="print-row">
              <Text className="pc pc-n">{++n}</Text>
              <Text className="pc pc-t">加分：{e.title}</Text>
              <Text className="pc pc-s">{e.maxPoints}</Text>
              <Text className="pc pc-s">{points(e.self.score)}</Text>
              <Text className="pc pc-s">{points(e.review?.score)}</Text>
            </View>
          ))}
        {v.entries
          .filter((e) => e.kind === 'veto')
          .map((e) => (
            <View key={e.id} className="print-row">
              <Text className="pc pc-n">{++n}</Text>
              <Text className="pc pc-t">否决：{e.title}</Text>
              <Text className="pc pc-s">—</Text>
              <Text className="pc pc-s">{e.self.applies ? '存在' : '不存在'}</Text>
              <Text className="pc pc-s">
                {e.review?.applies === null || e.review?.applies === undefined
                  ? '—'
                  : e.review.applies
                    ? '存在'
                    : '不存在'}
              </Text>
            </View>
          ))}
        <View className="print-row print-total">
          <Text className="pc pc-t2">
            总分（基础分 {v.totals.base} + 加分 {v.totals.bonus}，加分上限 {v.standard.bonusCap}）
          </Text>
          <Text className="pc pc-s">{v.standard.maxBase + v.standard.bonusCap}</Text>
          <Text id="print-self-total" className="pc pc-s">
            {v.selfTotals.total}
          </Text>
          <Text id="print-review-total" className="pc pc-s">
            {v.reviewTotals ? v.reviewTotals.total : '—'}
          </Text>
        </View>
      </View>
      <Text className="print-meta">
        定级：{tier.label}（{tier.why}）
      </Text>
      <View className="print-sign">
        <Text>村“两委”（盖章）：{v.submittedAt ? formatChinaDateTime(v.submittedAt) : ''}</Text>
        <Text>镇纪委初审（盖章）：{v.confirmed ? formatChinaDateTime(v.confirmed.at) : ''}</Text>
      </View>
      <PrintFingerprint head={chain ?? null} id="sheet-fingerprint" />
    </View>
  );
}
