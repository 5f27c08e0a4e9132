import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Attachment } from '@common/contracts/disclosure';
import {
  decisionsInputs,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  OUTCOMES,
  type DecisionDetail,
  type MeetingKind,
  type MeetingStep,
  type Outcome,
} from '@common/contracts/decisions';
import { call, newRequestId } from '@/services/api';
import { Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { chinaToday, num } from './format';
import { ChoiceField, HeldOnInput, NumberRow, TextField } from './fields';

/** A cadre records one meeting of a decision: date, 应到, 实到, the votes, the outcome, the signed minutes. */
export function MeetingForm({
  decision,
  step,
  kind,
  onDone,
}: {
  decision: DecisionDetail;
  step: MeetingStep;
  kind: MeetingKind;
  onDone: (d: DecisionDetail) => void;
}) {
  const [requestId] = useState(newRequestId);
  const [s, setS] = useState({
    heldOn: chinaToday(),
    entitled: '',
    present: '',
    votesFor: '',
    votesAgainst: '',
    abstentions: '',
    hhEntitled: '',
    hhPresent: '',
    note: '',
  });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [minutes, setMinutes] = useState<Attachment[]>([]);
  const { errors, message, busy, submit } = useFormSubmit();
  const set = (k: keyof typeof s) => (v: string) => setS((x) => ({ ...x, [k]: v }));
  /** A number of the meeting: its state key, and the input's field path where it differs. */
  const number = (k: keyof typeof s, path: string = k) => ({
    id: `meeting-${k}`,
    name: path,
    value: s[k],
    onChange: set(k),
    error: errors[path],
  });
  const households =
    kind === 'villagers' && (s.hhEntitled || s.hhPresent)
      ? { entitled: num(s.hhEntitled), present: num(s.hhPresent) }
      : null;
  return (
    <View className="card" id="meeting-form">
      <Text className="section-title">记录{MEETING_KIND_LABELS[kind]}</Text>
      <HeldOnInput idPrefix="meeting" value={s.heldOn} onChange={set('heldOn')} error={errors.heldOn} />
      <NumberRow
        fields={[
          { ...number('entitled'), label: kind === 'villagers' ? '应到（成年村民）' : '应到人数' },
          { ...number('present'), label: '实到人数' },
        ]}
      />
      {kind === 'villagers' ? (
        <NumberRow
          fields={[
            { ...number('hhEntitled', 'households.entitled'), label: '全村户数' },
            { ...number('hhPresent', 'households.present'), label: '到会户数' },
          ]}
        />
      ) : null}
      <NumberRow
        fields={[
          { ...number('votesFor'), label: '同意' },
          { ...number('votesAgainst'), label: '反对' },
          { ...number('abstentions'), label: '弃权' },
        ]}
      />
      <ChoiceField
        idPrefix="outcome"
        name="outcome"
        label="表决结果（按会议记录填写）"
        values={OUTCOMES}
        labels={OUTCOME_LABELS}
        value={outcome}
        onChange={setOutcome}
        error={errors.outcome}
        required
      />
      <Text className="dc-hint">系统按法定到会人数和票数核对结果，与票数不符的结果不能登记。</Text>
      <Field label="签字的会议记录（照片）" name="minutes" error={errors.minutes} required>
        <AttachmentsEditor villageId={decision.villageId} value={minutes} onChange={setMinutes} />
      </Field>
      <TextField
        id="meeting-note"
        name="note"
        label="说明"
        kind="lines"
        value={s.note}
        onChange={set('note')}
        error={errors.note}
        maxLength={500}
      />
      <FormError message={message} />
      <Button
        id="meeting-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            decisionsInputs.recordMeeting,
            {
              requestId,
              decisionId: decision.id,
              step,
              heldOn: s.heldOn,
              entitled: num(s.entitled),
              present: num(s.present),
              votesFor: num(s.votesFor),
              votesAgainst: num(s.votesAgainst),
              abstentions: num(s.abstentions),
              households,
              outcome,
              minutes,
              note: s.note,
            },
            async (data) => onDone(await call('decisions', 'recordMeeting', data)),
            outcome ? {} : { outcome: '请选择表决结果' },
          )
        }
      >
        登记会议结果
      </Button>
    </View>
  );
}
