import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
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
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { chinaToday, num } from './format';

function NumberField({
  name,
  label,
  value,
  onChange,
  error,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} name={name} error={error} required>
      <Input
        id={`meeting-${name}`}
        className="input"
        type="digit"
        value={value}
        onChange={onChange}
        maxLength={6}
      />
    </Field>
  );
}

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
  const households =
    kind === 'villagers' && (s.hhEntitled || s.hhPresent)
      ? { entitled: num(s.hhEntitled), present: num(s.hhPresent) }
      : null;
  return (
    <View className="card" id="meeting-form">
      <Text className="section-title">记录{MEETING_KIND_LABELS[kind]}</Text>
      <Field label="会议日期" name="heldOn" error={errors.heldOn} required>
        <Input
          id="meeting-heldOn"
          className="input"
          value={s.heldOn}
          onChange={set('heldOn')}
          placeholder="例如 2026-03-08"
          maxLength={10}
        />
      </Field>
      <View className="dc-number-row">
        <NumberField
          name="entitled"
          label={kind === 'villagers' ? '应到（成年村民）' : '应到人数'}
          value={s.entitled}
          onChange={set('entitled')}
          error={errors.entitled}
        />
        <NumberField
          name="present"
          label="实到人数"
          value={s.present}
          onChange={set('present')}
          error={errors.present}
        />
      </View>
      {kind === 'villagers' ? (
        <View className="dc-number-row">
          <NumberField
            name="hhEntitled"
            label="全村户数"
            value={s.hhEntitled}
            onChange={set('hhEntitled')}
            error={errors['households.entitled']}
          />
          <NumberField
            name="hhPresent"
            label="到会户数"
            value={s.hhPresent}
            onChange={set('hhPresent')}
            error={errors['households.present']}
          />
        </View>
      ) : null}
      <View className="dc-number-row">
        <NumberField
          name="votesFor"
          label="同意"
          value={s.votesFor}
          onChange={set('votesFor')}
          error={errors.votesFor}
        />
        <NumberField
          name="votesAgainst"
          label="反对"
          value={s.votesAgainst}
          onChange={set('votesAgainst')}
          error={errors.votesAgainst}
        />
        <NumberField
          name="abstentions"
          label="弃权"
          value={s.abstentions}
          onChange={set('abstentions')}
          error={errors.abstentions}
        />
      </View>
      <Field label="表决结果（按会议记录填写）" name="outcome" error={errors.outcome} required>
        <Chips
          idPrefix="outcome"
          options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
          value={outcome}
          onChange={setOutcome}
        />
      </Field>
      <Text className="dc-hint">系统按法定到会人数和票数核对结果，与票数不符的结果不能登记。</Text>
      <Field label="签字的会议记录（照片）" name="minutes" error={errors.minutes} required>
        <AttachmentsEditor villageId={decision.villageId} value={minutes} onChange={setMinutes} />
      </Field>
      <Field label="说明" name="note" error={errors.note}>
        <TextArea id="meeting-note" value={s.note} onChange={set('note')} maxLength={500} />
      </Field>
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
