import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { AuditRecord, SheetView } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { EntryCard, type SaveReview, type SaveSelf } from './EntryCard';
import { saveExport } from '@/features/shared/download';
import { dateLabel, stateLabel } from './labels';
import { showToast } from '../shared/nav';

function Totals({ v }: { v: SheetView }) {
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

function History({ villageId, year }: { villageId: string; year: number }) {
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
function ReopenRequestCard({
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

/** The score sheet of one village and year: fill (village), review and grade (town), read the result. */
export function SheetScreen({ villageId, year }: { villageId?: string; year?: number }) {
  const sheet = useRequest(() => call('assessment', 'sheet', { villageId, year }), [villageId, year]);
  const [current, setCurrent] = useState<SheetView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmComment, setConfirmComment] = useState('');
  const [villageComment, setVillageComment] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reopenReason, setReopenReason] = useState('');
  const [reopenError, setReopenError] = useState<string | null>(null);
  const v = current && sheet.data && current.rev >= sheet.data.rev ? current : sheet.data;

  const run = async (fn: () => Promise<SheetView>, done?: string): Promise<boolean> => {
    setMessage(null);
    setBusy(true);
    try {
      setCurrent(await fn());
      if (done) showToast({ title: done, icon: 'success' });
      return true;
    } catch (e) {
      setMessage(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onSaveSelf: SaveSelf = (e) =>
    run(
      () => call('assessment', 'saveSelf', { villageId: v!.village.id, year: v!.year, entries: [e] }),
      '已保存',
    );
  const onSaveReview: SaveReview = (e) =>
    run(
      () => call('assessment', 'review', { villageId: v!.village.id, year: v!.year, entries: [e] }),
      '已保存审核',
    );

  const exportFile = async (kind: 'sheet' | 'application') => {
    setMessage(null);
    try {
      await saveExport(await call('assessment', 'export', { kind, villageId: v!.village.id, year: v!.year }));
    } catch (e) {
      setMessage(toApiError(e).message);
    }
  };

  return (
    <RequestView state={{ ...sheet, data: v ?? undefined }}>
      {(view) => (
        <View id="assessment-sheet">
          <Text className="page-title">
            {view.village.name} {view.year} 年度清廉村居测评
          </Text>
          <Text className="page-subtitle">
            {view.standard.title}（第 {view.standard.version} 版）
          </Text>
          <Totals v={view} />
          {message ? (
            <Text id="sheet-message" className="field-error">
              {message}
            </Text>
          ) : null}
          {view.sections.map((sec) => {
            const s = view.totals.sections.find((x) => x.id === sec.id);
            return (
              <View key={sec.id} className="sheet-section">
                <Text className="section-title">
                  {sec.title}（{s?.points ?? 0} / {s?.maxPoints ?? 0} 分）
                </Text>
                {view.entries
                  .filter((e) => e.kind === 'item' && e.sectionId === sec.id)
                  .map((e) => (
                    <EntryCard
                      key={`${e.id}-${view.rev}`}
                      entry={e}
                      villageId={view.village.id}
                      editable={view.can.edit}
                      reviewable={view.can.review}
                      onSaveSelf={onSaveSelf}
                      onSaveReview={onSaveReview}
                    />
                  ))}
              </View>
            );
          })}
          <View className="sheet-section">
            <Text className="section-title">
              加分项（最多计 {view.standard.bonusCap} 分，已计 {view.totals.bonus} 分）
            </Text>
            {view.entries
              .filter((e) => e.kind === 'bonus')
              .map((e) => (
                <EntryCard
                  key={`${e.id}-${view.rev}`}
                  entry={e}
                  villageId={view.village.id}
                  editable={view.can.edit}
                  reviewable={view.can.review}
                  onSaveSelf={onSaveSelf}
                  onSaveReview={onSaveReview}
                />
              ))}
          </View>
          <View className="sheet-section">
            <Text className="section-title">否决项（存在任何一项即不认定为清廉村居）</Text>
            {view.entries
              .filter((e) => e.kind === 'veto')
              .map((e) => (
                <EntryCard
                  key={`${e.id}-${view.rev}`}
                  entry={e}
                  villageId={view.village.id}
                  editable={view.can.edit}
                  reviewable={view.can.review}
                  onSaveSelf={onSaveSelf}
                  onSaveReview={onSaveReview}
                />
              ))}
          </View>

          <ReopenRequestCard key={`reopen-${view.rev}`} v={view} busy={busy} run={run} />

          {view.state === 'draft' && (view.can.edit || view.can.submit) ? (
            <View className="card sheet-submit">
              <Text className="field-hint">提交后评分表锁定，村里不能再修改；如需更正请联系镇纪委退回。</Text>
              <Button
                id="sheet-submit"
                type="primary"
                block
                loading={busy}
                disabled={!view.can.submit}
                onClick={() =>
                  run(
                    () => call('assessment', 'submit', { villageId: view.village.id, year: view.year }),
                    '已提交',
                  )
                }
              >
                {view.can.submit
                  ? `提交自评（${view.selfTotals.total} 分）`
                  : view.selfTotals.missing
                    ? `还有 ${view.selfTotals.missing} 项未评分`
                    : '请先补齐上面列出的内容'}
              </Button>
            </View>
          ) : null}

          {view.can.review ? (
            <View id="confirm-card" className="card">
              <Text className="section-title">{view.can.confirm ? '确认定级' : '审核'}</Text>
              {view.can.confirm ? (
                <View>
                  <Text className="field-hint">
                    总分 {view.totals.total} 分，按评分定为 {view.computedTier.label}。
                  </Text>
                  <TextArea
                    id="confirm-comment"
                    value={confirmComment}
                    onChange={setConfirmComment}
                    placeholder="初审意见（选填）"
                    maxLength={500}
                  />
                  <Button
                    id="sheet-confirm"
                    type="primary"
                    block
                    loading={busy}
                    onClick={async () => {
                      // A confirmed tier is final for the year: ask once before it is set.
                      const ok = await confirmStep({
                        title: '确认定级',
                        content: `将${view.village.name}${view.year}年定为${view.computedTier.label}（总分 ${view.totals.total} 分）。定级后不能撤回，确定吗？`,
                        confirmText: '确认定级',
                      });
                      if (!ok) return;
                      await run(
                        () =>
                          call('assessment', 'confirm', {
                            villageId: view.village.id,
                            year: view.year,
                            comment: confirmComment,
                          }),
                        '已定级',
                      );
                    }}
                  >
                    确认定为{view.computedTier.label}
                  </Button>
                </View>
              ) : (
                <Text className="field-hint">还有 {view.totals.missing} 项没有得分，补齐后才能定级。</Text>
              )}
              {reopening ? (
                <View id="reopen-panel" className="reopen-panel">
                  <Text className="field-label">
                    退回理由（必填，村里会看到）<Text className="required">*</Text>
                  </Text>
                  <TextArea
                    id="reopen-reason"
                    value={reopenReason}
                    onChange={(t) => {
                      setReopenReason(t);
                      setReopenError(null);
                    }}
                    placeholder="例如：证明材料不全，请补充廉洁文化活动照片"
                    maxLength={200}
                  />
                  {reopenError ? (
                    <Text id="reopen-error" className="field-error">
                      {reopenError}
                    </Text>
                  ) : null}
                  <Text className="field-hint">退回后村里可以修改并重新提交（自评截止日期后也可以）。</Text>
                  <View className="entry-actions">
                    <Button
                      id="reopen-confirm"
                      type="primary"
                      loading={busy}
                      onClick={async () => {
                        const reason = reopenReason.trim();
                        if (reason.length < 2) {
                          setReopenError('请填写退回理由（至少 2 个字）');
                          return;
                        }
                        if (
                          await run(
                            () =>
                              call('assessment', 'reopen', {
                                villageId: view.village.id,
                                year: view.year,
                                reason,
                              }),
                            '已退回',
                          )
                        ) {
                          setReopening(false);
                          setReopenReason('');
                        }
                      }}
                    >
                      确认退回
                    </Button>
                    <Button
                      id="reopen-cancel"
                      fill="outline"
                      onClick={() => {
                        setReopening(false);
                        setReopenError(null);
                      }}
                    >
                      取消
                    </Button>
                  </View>
                </View>
              ) : (
                <Button id="sheet-reopen" fill="outline" block onClick={() => setReopening(true)}>
                  退回村里修改
                </Button>
              )}
            </View>
          ) : null}

          {view.state !== 'draft' ? (
            <View className="card">
              <Text className="section-title">村里的意见（{view.comments.length}）</Text>
              {view.comments.map((c, i) => (
                <Text key={i} className="comment-item">
                  {c.byName}（{formatChinaDateTime(c.at)}）：{c.text}
                </Text>
              ))}
              {view.can.comment ? (
                <View>
                  <TextArea
                    id="village-comment"
                    value={villageComment}
                    onChange={setVillageComment}
                    placeholder="对审核结果的意见或说明"
                    maxLength={500}
                  />
                  <Button
                    id="comment-submit"
                    fill="outline"
                    loading={busy}
                    onClick={async () => {
                      if (
                        await run(
                          () =>
                            call('assessment', 'comment', {
                              villageId: view.village.id,
                              year: view.year,
                              text: villageComment,
                            }),
                          '已发表',
                        )
                      )
                        setVillageComment('');
                    }}
                  >
                    发表意见
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}

          <View className="sheet-tools">
            <Button id="export-sheet" fill="outline" onClick={() => exportFile('sheet')}>
              导出评分表
            </Button>
            <Button id="export-application" fill="outline" onClick={() => exportFile('application')}>
              导出申请表
            </Button>
            <Button
              id="open-print"
              fill="outline"
              onClick={() =>
                Taro.navigateTo({
                  url: `/assessment/pages/print/index?villageId=${view.village.id}&year=${view.year}`,
                })
              }
            >
              打印评分表
            </Button>
            <Button id="toggle-history" fill="none" onClick={() => setShowHistory(!showHistory)}>
              {showHistory ? '收起修改记录' : '查看修改记录'}
            </Button>
          </View>
          {showHistory ? <History key={view.rev} villageId={view.village.id} year={view.year} /> : null}
        </View>
      )}
    </RequestView>
  );
}
