import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import type { SheetView } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useFormSubmit } from '@/features/shared/forms';
import { EntryCard, type SaveReview, type SaveSelf } from './EntryCard';
import { saveExport } from '@/features/shared/download';
import { showToast } from '../shared/nav';
import { History, ReopenRequestCard, Totals } from './SheetParts';
import { ConfirmTier } from './ConfirmTier';

/** The score sheet of one village and year: fill (village), review and grade (town), read the result. */
export function SheetScreen({ villageId, year }: { villageId?: string; year?: number }) {
  const sheet = useRequest(() => call('assessment', 'sheet', { villageId, year }), [villageId, year]);
  const [current, setCurrent] = useState<SheetView | null>(null);
  const form = useFormSubmit();
  const { message, busy } = form;
  const [villageComment, setVillageComment] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reopenReason, setReopenReason] = useState('');
  const [reopenError, setReopenError] = useState<string | null>(null);
  const v = current && sheet.data && current.rev >= sheet.data.rev ? current : sheet.data;

  /** Sends one step of the sheet; true once the server took it (its message shows otherwise). */
  const run = (fn: () => Promise<SheetView>, done?: string): Promise<boolean> =>
    form.run(async () => {
      setCurrent(await fn());
      if (done) showToast({ title: done, icon: 'success' });
    });

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

  /** The cards of the sheet's entries that `keep` picks, in the sheet's order. */
  const cardsOf = (view: SheetView, keep: (e: SheetView['entries'][number]) => boolean) =>
    view.entries
      .filter(keep)
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
      ));

  const exportFile = (kind: 'sheet' | 'application') =>
    form.run(async () =>
      saveExport(await call('assessment', 'export', { kind, villageId: v!.village.id, year: v!.year })),
    );

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
                {cardsOf(view, (e) => e.kind === 'item' && e.sectionId === sec.id)}
              </View>
            );
          })}
          <View className="sheet-section">
            <Text className="section-title">
              加分项（最多计 {view.standard.bonusCap} 分，已计 {view.totals.bonus} 分）
            </Text>
            {cardsOf(view, (e) => e.kind === 'bonus')}
          </View>
          <View className="sheet-section">
            <Text className="section-title">否决项（存在任何一项即不认定为清廉村居）</Text>
            {cardsOf(view, (e) => e.kind === 'veto')}
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
                <ConfirmTier key={`confirm-${view.rev}`} view={view} busy={busy} run={run} />
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
