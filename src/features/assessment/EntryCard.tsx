import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import { OverrideReason, type SheetEntryView } from '@common/contracts/assessment';
import type { Attachment } from '@common/contracts/disclosure';
import { Attachments } from '@/features/shared/Attachments';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { useFormSubmit } from '@/features/shared/forms';
import { points, parsePoints } from './labels';

export type SaveSelf = (e: {
  kind: SheetEntryView['kind'];
  id: string;
  score?: number | null;
  applies?: boolean;
  note: string;
  evidence: Attachment[];
  reason: string;
}) => Promise<boolean>;

export type SaveReview = (e: {
  kind: SheetEntryView['kind'];
  id: string;
  score?: number | null;
  applies?: boolean;
  comment: string;
}) => Promise<boolean>;

/** One item of the score sheet: the standard, the village's score with evidence, the town's review. */
export function EntryCard({
  entry,
  villageId,
  editable,
  reviewable,
  onSaveSelf,
  onSaveReview,
}: {
  entry: SheetEntryView;
  villageId: string;
  editable: boolean;
  reviewable: boolean;
  onSaveSelf: SaveSelf;
  onSaveReview: SaveReview;
}) {
  const veto = entry.kind === 'veto';
  const [open, setOpen] = useState(false);
  const [score, setScore] = useState(entry.self.score === null ? '' : String(entry.self.score));
  const [applies, setApplies] = useState(entry.self.applies === true);
  const [note, setNote] = useState(entry.self.note);
  const [reason, setReason] = useState(entry.self.reason);
  const [evidence, setEvidence] = useState<Attachment[]>(entry.self.evidence);
  const [rScore, setRScore] = useState(
    entry.review?.score === null || entry.review?.score === undefined ? '' : String(entry.review.score),
  );
  const [rApplies, setRApplies] = useState(entry.review?.applies ?? entry.self.applies === true);
  const [comment, setComment] = useState(entry.review?.comment ?? '');
  // The sheet shows what the server refused; this card shows its own check of the score.
  const form = useFormSubmit();
  const { message: error, busy } = form;

  const autoPoints = entry.auto?.points ?? null;
  const shownSelf = entry.self.score ?? (entry.kind === 'item' ? autoPoints : null);
  const overriding = autoPoints !== null && score !== '' && parsePoints(score) !== autoPoints;

  /** The typed score (null when none or a veto), or false once the card said it is not a score. */
  const scoreOf = (text: string): number | null | false => {
    if (veto || text === '') return null;
    const value = parsePoints(text);
    if (value === null || value > entry.maxPoints) {
      form.say(`请填写 0 到 ${entry.maxPoints} 之间的分数（最小 0.5 分）`);
      return false;
    }
    return value;
  };

  /** Sends one save and closes the form once the sheet took it. */
  const saveAndClose = async (save: () => Promise<boolean>) => {
    await form.run(async () => {
      if (await save()) setOpen(false);
    });
  };

  const saveSelf = async () => {
    const value = scoreOf(score);
    if (value === false) return;
    if (overriding) {
      // The shared contract's rule: a real reason, said here before the sheet is sent.
      const checked = OverrideReason.safeParse(reason);
      const problem = reason.trim() === '' ? '请填写与系统计分不同的理由' : checked.error?.issues[0]?.message;
      if (problem) {
        form.say(problem);
        return;
      }
    }
    await saveAndClose(() =>
      onSaveSelf({
        kind: entry.kind,
        id: entry.id,
        score: veto ? undefined : value,
        applies: veto ? applies : undefined,
        note,
        evidence,
        reason: overriding ? reason : '',
      }),
    );
  };

  const saveReview = async () => {
    const value = scoreOf(rScore);
    if (value === false) return;
    await saveAndClose(() =>
      onSaveReview({
        kind: entry.kind,
        id: entry.id,
        score: veto ? undefined : value,
        applies: veto ? rApplies : undefined,
        comment,
      }),
    );
  };

  /** The foot of either form: the card's message, its save button and 收起. */
  const formFoot = (saveId: string, label: string, onSave: () => void) => (
    <>
      {error ? <Text className="field-error">{error}</Text> : null}
      <View className="entry-actions">
        <Button id={saveId} type="primary" loading={busy} onClick={onSave}>
          {label}
        </Button>
        <Button fill="outline" onClick={() => setOpen(false)}>
          收起
        </Button>
      </View>
    </>
  );

  const missing = !veto && entry.effective.score === null;
  return (
    <View
      id={`entry-${entry.id}`}
      className={`card entry-card${missing ? ' entry-missing' : ''}${veto && entry.effective.applies ? ' entry-vetoed' : ''}`}
    >
      <View className="entry-head tap" onClick={() => setOpen(!open)}>
        <Text className="entry-title">{entry.title}</Text>
        {veto ? (
          <Text className={`entry-score${entry.effective.applies ? ' bad' : ''}`}>
            {entry.effective.applies ? '存在' : '不存在'}
          </Text>
        ) : (
          <Text className="entry-score">
            <Text className="entry-points">{points(entry.effective.score)}</Text> / {entry.maxPoints} 分
          </Text>
        )}
      </View>
      {entry.guidance ? <Text className="entry-guidance">评分标准：{entry.guidance}</Text> : null}
      {entry.auto ? (
        <Text id={`auto-${entry.id}`} className="entry-auto">
          系统计分：{entry.auto.points === null ? '—' : `${entry.auto.points} 分`}。{entry.auto.basis}。
        </Text>
      ) : null}
      {entry.override ? (
        <View id={`override-${entry.id}`} className="entry-override">
          <Text className="badge bad">人工调整</Text>
          <Text className="entry-line">
            自评 {entry.override.selfScore} 分，系统计分 {entry.override.autoPoints} 分
          </Text>
          <Text className="entry-line">理由：{entry.override.reason || '（未填写）'}</Text>
        </View>
      ) : null}
      <View className="entry-lines">
        <Text className="entry-line">
          自评：{veto ? (entry.self.applies ? '存在' : '不存在') : points(shownSelf)}
          {entry.self.note ? `；${entry.self.note}` : ''}
          {entry.self.reason && !entry.override ? `；调整理由：${entry.self.reason}` : ''}
        </Text>
        {entry.review ? (
          <Text className="entry-line entry-review">
            审核：{veto ? (entry.review.applies ? '存在' : '不存在') : points(entry.review.score)}
            {entry.review.comment ? `；${entry.review.comment}` : ''}（{entry.review.byName}）
          </Text>
        ) : null}
      </View>
      {!open && entry.self.evidence.length ? <Attachments items={entry.self.evidence} /> : null}
      {(editable || reviewable) && !open ? (
        <Text id={`open-${entry.id}`} className="link tap entry-open" onClick={() => setOpen(true)}>
          {editable ? '填写 / 修改' : '审核本项'}
        </Text>
      ) : null}
      {open && editable ? (
        <View className="entry-form">
          {veto ? (
            <View className="setting-row plain">
              <Text className="field-label">本村存在此情形</Text>
              <Switch id={`applies-${entry.id}`} checked={applies} onChange={setApplies} />
            </View>
          ) : (
            <View className="field">
              <Text className="field-label">
                自评得分（满分 {entry.maxPoints} 分{autoPoints !== null ? `，系统计分 ${autoPoints} 分` : ''}
                ）
              </Text>
              <Input
                id={`score-${entry.id}`}
                className="input"
                type="digit"
                value={score}
                onChange={setScore}
                placeholder={autoPoints !== null ? `留空即采用系统计分 ${autoPoints} 分` : '例如 6 或 6.5'}
              />
            </View>
          )}
          {overriding ? (
            <View className="field">
              <Text className="field-label">与系统计分不同的理由（必填）</Text>
              <TextArea id={`reason-${entry.id}`} value={reason} onChange={setReason} maxLength={200} />
            </View>
          ) : null}
          <View className="field">
            <Text className="field-label">说明</Text>
            <TextArea
              id={`note-${entry.id}`}
              value={note}
              onChange={setNote}
              maxLength={500}
              placeholder="做法、依据、存在的不足"
            />
          </View>
          <View className="field">
            <Text className="field-label">证明材料（图片或 PDF）</Text>
            <AttachmentsEditor villageId={villageId} value={evidence} onChange={setEvidence} />
          </View>
          {formFoot(`save-${entry.id}`, '保存本项', saveSelf)}
        </View>
      ) : null}
      {open && reviewable ? (
        <View className="entry-form">
          {veto ? (
            <View className="setting-row plain">
              <Text className="field-label">经审核存在此情形</Text>
              <Switch id={`rapplies-${entry.id}`} checked={rApplies} onChange={setRApplies} />
            </View>
          ) : (
            <View className="field">
              <Text className="field-label">
                审核得分（满分 {entry.maxPoints} 分{autoPoints !== null ? `，系统计分 ${autoPoints} 分` : ''}
                ，自评 {points(shownSelf)} 分）
              </Text>
              <Input
                id={`rscore-${entry.id}`}
                className="input"
                type="digit"
                value={rScore}
                onChange={setRScore}
                placeholder="留空即认可自评分"
              />
            </View>
          )}
          <View className="field">
            <Text className="field-label">审核意见（调整时必填）</Text>
            <TextArea id={`comment-${entry.id}`} value={comment} onChange={setComment} maxLength={500} />
          </View>
          {formFoot(`rsave-${entry.id}`, '保存审核', saveReview)}
        </View>
      ) : null}
    </View>
  );
}
