import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { AuditRecord, SheetView } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { dateLabel, stateLabel } from './labels';

/** Parts of the score sheet screen: the totals and tier, the change history, a reopen request. */

export function Totals({ v }: { v: SheetView }) {
  const tier = v.confirmed ?? v.computedTier;
  return (
    <View id="sheet-totals" className="card sheet-totals">
      <View className="totals-row">
        <Text className="totals-label">状态</Text>
        <Text id="sheet-state" className="totals-value">
          {stateLabel(v.state)}
        </Text>
      </View>
      <View className="totals-row">
        <Text className="totals-label">自评总分</Text>
        <Text id="self-total" className="totals-value">
          {v.selfTotals.total} 分
        </Text>
      </View>
      {v.reviewTotals ? (
        <View className="totals-row">
          <Text className="totals-label">审核总分</Text>
          <Text id="review-total" className="totals-value">
            {v.reviewTotals.total} 分
          </Text>
        </View>
      ) : null}
      <View className="totals-row">
        <Text className="totals-label">基础分 + 加分</Text>
        <Text className="totals-value">
          {v.totals.base} + {v.totals.bonus}（申报加分 {v.totals.bonusClaimed}，上限 {v.standard.bonusCap}）
        </Text>
      </View>
      <View className="totals-row">
        <Text className="totals-label">{v.confirmed ? '定级结果' : '按评分应定为'}</Text>
        <Text id="sheet-tier" className={`totals-value tier-badge${tier.qinglian ? ' good' : ' bad'}`}>
          {tier.label}
          {tier.qinglian ? '（清廉村居）' : '（不认定为清廉村居）'}
        </Text>
      </View>
      <Text className="totals-why">{tier.why}</Text>
      {v.totals.missing > 0 ? (
        <Text id="sheet-missing" className="field-error">
          还有 {v.totals.missing} 项未评分
        </Text>
      ) : null}
      {v.totals.vetoes.length ? (
        <Text className="field-error">否决项：{v.totals.vetoes.join('、')}</Text>
      ) : null}
      <Text id="sheet-schedule" className="totals-why">
        自评截止 {dateLabel(v.standard.schedule.selfAssessBy)}；报镇截止{' '}
        {dateLabel(v.standard.schedule.submitBy)}
        ；报市 {dateLabel(v.standard.schedule.reportBy)}
      </Text>
      {v.state === 'draft' && v.phase !== 'open' ? (
        <Text id="sheet-phase" className="field-error">
          {v.phase === 'submitOnly'
            ? `已过自评截止日期，评分表不能再修改；已填完的可在 ${dateLabel(v.standard.schedule.submitBy)} 前提交`
            : '已过报镇截止日期，评分表不能再填写或提交'}
          {v.missing.length ? '；如需补填，可向镇纪委申请重新开放' : ''}
        </Text>
      ) : null}
      {v.state === 'draft' && v.missing.length ? (
        <View id="sheet-missing-list" className="missing-list">
          <Text className="entry-line">提交前还需要：</Text>
          {v.missing.map((m) => (
            <Text key={m} className="entry-line">
              · {m}
            </Text>
          ))}
        </View>
      ) : null}
      {v.reopenReason && v.state === 'draft' ? (
        <Text className="field-error">镇纪委退回修改：{v.reopenReason}</Text>
      ) : null}
      {v.standardNotice ? (
        <Text id="sheet-standard-notice" className="field-error">
          {v.standardNotice}
        </Text>
      ) : null}
      {v.confirmed ? (
        <Text className="totals-why">
          {v.confirmed.byName} 于 {formatChinaDateTime(v.confirmed.at)} 定级
          {v.confirmed.comment ? `；意见：${v.confirmed.comment}` : ''}
        </Text>
      ) : null}
    </View>
  );
}

export function History({ villageId, year }: { villageId: string; year: number }) {
  const h = useRequest(() => call('assessment', 'history', { villageId, year }), [villageId, year]);
  return (
    <RequestView state={h}>
      {(d) => (
        <View id="sheet-history" className="card">
          <Text className="section-title">修改记录（{d.records.length}）</Text>
          {d.records.map((r: AuditRecord) => (
            <View key={r.id} className="history-item">
              <Text className="history-head">
                {formatChinaDateTime(r.at)} {r.byName}（{r.byRole}）{r.action}：{r.target}
              </Text>
              <Text className="history-change">
                {r.before ? `${r.before} → ` : ''}
                {r.after}
              </Text>
            </View>
          ))}
        </View>
      )}
    </RequestView>
  );
}

/** The village asks the town to open the sheet again; the town's answer shows here too. */
export function ReopenRequestCard({
  v,
  busy,
  run,
}: {
  v: SheetView;
  busy: boolean;
  run: (fn: () => Promise<SheetView>, done?: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const r = v.reopenRequest;
  if (!r && !v.can.requestReopen) return null;
  const stateText = r
    ? r.state === 'pending'
      ? '等待镇纪委答复'
      : r.state === 'granted'
        ? '镇纪委已同意'
        : '镇纪委不同意'
    : '';
  return (
    <View id="reopen-request" className="card">
      <Text className="section-title">申请重新开放评分表</Text>
      {r ? (
        <View>
          <Text id="reopen-request-state" className="entry-line">
            {r.byName} 于 {formatChinaDateTime(r.at)} 申请：{r.reason}（{stateText}）
          </Text>
          {r.answeredByName ? (
            <Text className="entry-line">
              {r.answeredByName}答复：{r.answer || (r.state === 'granted' ? '同意' : '不同意')}
            </Text>
          ) : null}
        </View>
      ) : null}
      {v.can.requestReopen ? (
        <View>
          <Text className="field-label">
            申请理由（镇纪委会看到）<Text className="required">*</Text>
          </Text>
          <TextArea
            id="request-reason"
            value={reason}
            onChange={(t) => {
              setReason(t);
              setError(null);
            }}
            placeholder="例如：证明材料刚整理好，请允许补填两项"
            maxLength={200}
          />
          {error ? <Text className="field-error">{error}</Text> : null}
          <Button
            id="request-send"
            type="primary"
            block
            loading={busy}
            onClick={async () => {
              if (reason.trim().length < 2) {
                setError('请填写申请理由（至少 2 个字）');
                return;
              }
              if (
                await run(
                  () =>
                    call('assessment', 'requestReopen', {
                      villageId: v.village.id,
                      year: v.year,
                      reason: reason.trim(),
                    }),
                  '已提交申请',
                )
              )
                setReason('');
            }}
          >
            向镇纪委申请重新开放
          </Button>
        </View>
      ) : null}
      {v.can.answerReopen ? (
        <View>
          <TextArea
            id="answer-comment"
            value={comment}
            onChange={(t) => {
              setComment(t);
              setError(null);
            }}
            placeholder="答复意见（不同意时必填）"
            maxLength={200}
          />
          {error ? <Text className="field-error">{error}</Text> : null}
          <View className="entry-actions">
            <Button
              id="answer-grant"
              type="primary"
              loading={busy}
              onClick={() =>
                run(
                  () =>
                    call('assessment', 'answerReopen', {
                      villageId: v.village.id,
                      year: v.year,
                      grant: true,
                      comment: comment.trim(),
                    }),
                  '已同意',
                )
              }
            >
              同意重新开放
            </Button>
            <Button
              id="answer-decline"
              fill="outline"
              loading={busy}
              onClick={() => {
                if (comment.trim().length < 2) {
                  setError('不同意时请填写理由（至少 2 个字）');
                  return;
                }
                void run(
                  () =>
                    call('assessment', 'answerReopen', {
                      villageId: v.village.id,
                      year: v.year,
                      grant: false,
                      comment: comment.trim(),
                    }),
                  '已答复',
                );
              }}
            >
              不同意
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
