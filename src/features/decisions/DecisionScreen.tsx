import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import type { Attachment } from '@common/contracts/disclosure';
import {
  decisionsInputs,
  MEETING_KIND_LABELS,
  OUTCOME_LABELS,
  STEP_LABELS,
  type DecisionDetail,
  type MeetingAttempt,
  type MeetingStep,
  type StepView,
} from '@common/contracts/decisions';
import { call } from '@/services/api';
import { Attachments } from '@/features/shared/Attachments';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { FormError, useFormSubmit } from '@/features/shared/forms';
import { NotFoundView, RequestView } from '@/features/shared/StateViews';
import { RaiseLink } from '@/features/oversight/RaiseLink';
import { useRequest } from '@/features/shared/useRequest';
import { DecisionBadges } from './DecisionListScreen';
import { MeetingForm } from './MeetingForm';
import { chinaToday, dateLabel, MISSING_DECISION } from './format';
import { DateInput, TextField } from './fields';

const MEETING_STEPS: readonly string[] = ['committee', 'partyCongress', 'resolution'];
const STATE_LABELS: Record<StepView['state'], string> = {
  done: '已完成',
  open: '待办理',
  waiting: '未开始',
  stopped: '已终止',
};

function stepName(d: DecisionDetail, s: StepView['step']) {
  return s === 'resolution' ? `${MEETING_KIND_LABELS[d.resolutionBody]}决议` : STEP_LABELS[s];
}

function Tally({ m }: { m: MeetingAttempt }) {
  return (
    <Text className="dc-tally">
      应到 {m.entitled} 人，实到 {m.present} 人
      {m.households ? `（到会 ${m.households.present} / ${m.households.entitled} 户）` : ''}；同意{' '}
      {m.votesFor}，反对 {m.votesAgainst}，弃权 {m.abstentions}
    </Text>
  );
}

function MeetingCard({
  d,
  m,
  canConfirm,
  onChanged,
}: {
  d: DecisionDetail;
  m: MeetingAttempt;
  canConfirm: boolean;
  onChanged: (d: DecisionDetail) => void;
}) {
  // Confirming is a one-tap form: the shared submit checks, sends, and shows a refusal here.
  const { message, busy, submit } = useFormSubmit();
  return (
    <View className="card meeting-attempt" id={`attempt-${m.step}-${m.attempt}`}>
      <View className="card-row">
        <Text className="dc-step-name">
          {MEETING_KIND_LABELS[m.kind]}
          {m.attempt > 1 ? `（第 ${m.attempt} 次）` : ''}
        </Text>
        <Text
          className={`badge${m.outcome === 'passed' ? ' badge-ontime' : m.outcome === 'noQuorum' ? ' badge-overdue' : ''}`}
        >
          {OUTCOME_LABELS[m.outcome]}
        </Text>
      </View>
      <Text className="card-time">
        {dateLabel(m.heldOn)} · 记录人 {m.recordedBy}
      </Text>
      <Tally m={m} />
      {m.note ? <Text className="dc-hint">{m.note}</Text> : null}
      <Attachments items={m.minutes} />
      {m.confirmedBy ? (
        <Text className="dc-hint confirmed">
          村监委 {m.confirmedBy} 已确认{m.confirmNote ? `：${m.confirmNote}` : ''}
        </Text>
      ) : canConfirm ? (
        <View>
          <FormError message={message} />
          <Button
            className="confirm-button"
            type="primary"
            fill="outline"
            loading={busy}
            onClick={() =>
              busy
                ? undefined
                : submit(
                    decisionsInputs.confirmStep,
                    {
                      decisionId: d.id,
                      step: m.step,
                      attempt: m.attempt,
                      note: '已核对签到和表决票，程序合规',
                    },
                    async (x) => onChanged(await call('decisions', 'confirmStep', x)),
                  )
            }
          >
            村监委确认
          </Button>
        </View>
      ) : (
        <Text className="dc-missing">待村监委确认</Text>
      )}
    </View>
  );
}

function PublishForm({ d, onDone }: { d: DecisionDetail; onDone: (d: DecisionDetail) => void }) {
  const result = d.next === 'resultPublic';
  const [body, setBody] = useState('');
  const [completedOn, setCompletedOn] = useState(chinaToday());
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const { errors, message, busy, submit } = useFormSubmit();
  return (
    <View className="card" id="publish-form">
      <Text className="section-title">{result ? '实施结果公开' : '决议公开'}</Text>
      <Text className="dc-hint">
        {result
          ? '实施结果将作为村务重大事项在三务公开中发布。'
          : '决议和表决情况将作为村务重大事项在三务公开中发布，须在决议后 7 日内公开。'}
      </Text>
      {result ? (
        <DateInput
          id="publish-completedOn"
          name="completedOn"
          label="完成日期"
          value={completedOn}
          onChange={setCompletedOn}
          error={errors.completedOn}
          required
        />
      ) : null}
      <TextField
        id="publish-body"
        name="body"
        label={result ? '实施结果' : '补充说明'}
        kind="lines"
        value={body}
        onChange={setBody}
        error={errors.body}
        maxLength={2000}
        required={result}
      />
      {result ? (
        <AttachmentsEditor villageId={d.villageId} value={attachments} onChange={setAttachments} />
      ) : null}
      <FormError message={message} />
      <Button
        id="publish-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          result
            ? submit(
                decisionsInputs.publishResult,
                { decisionId: d.id, completedOn, body, attachments },
                async (x) => onDone(await call('decisions', 'publishResult', x)),
              )
            : submit(decisionsInputs.publishResolution, { decisionId: d.id, body }, async (x) =>
                onDone(await call('decisions', 'publishResolution', x)),
              )
        }
      >
        {result ? '公开实施结果' : '公开决议'}
      </Button>
    </View>
  );
}

/** One decision: its six steps, every meeting held, and what the caller may do next. */
export function DecisionScreen({ id, binding }: { id: string; binding: Binding | null }) {
  const loaded = useRequest(() => call('decisions', 'decision', { decisionId: id }), [id], { enabled: !!id });
  const [fresh, setFresh] = useState<DecisionDetail | null>(null);
  const d0 = fresh && fresh.id === id ? fresh : undefined;
  const cadre = !!binding?.roles.includes('cadre');
  const supervisor = !!binding?.roles.includes('supervisor');
  if (!id) return <NotFoundView missing={MISSING_DECISION} />;
  return (
    <RequestView state={d0 ? { ...loaded, data: d0 } : loaded} missing={MISSING_DECISION}>
      {(d) => (
        <View id="decision-detail">
          <View className="card">
            <Text className="dc-item-name" id="decision-title">
              {d.title}
            </Text>
            <DecisionBadges d={d} statusId="decision-status" />
            <Text className="card-time">
              {d.proposer} {dateLabel(d.proposedOn)}提议
            </Text>
            {d.summary ? <Text className="dc-hint">{d.summary}</Text> : null}
          </View>
          <View className="card">
            <Text className="section-title">四议两公开</Text>
            <View className="dc-steps" id="decision-steps">
              {d.steps.map((s) => (
                <View key={s.step} className={`dc-step state-${s.state}`} id={`step-${s.step}`}>
                  <Text className="dc-step-name">{stepName(d, s.step)}</Text>
                  <Text className="card-time">
                    {STATE_LABELS[s.state]}
                    {s.on && s.state === 'done' ? ` · ${dateLabel(s.on)}` : ''}
                    {s.attempts > 1 ? ` · 开会 ${s.attempts} 次` : ''}
                    {s.step === d.next && d.nextDueOn ? ` · ${dateLabel(d.nextDueOn)}前` : ''}
                  </Text>
                </View>
              ))}
            </View>
            {d.resultBody ? <Text className="dc-hint">实施结果：{d.resultBody}</Text> : null}
          </View>
          {d.meetings.map((m) => (
            <MeetingCard
              key={`${m.step}-${m.attempt}`}
              d={d}
              m={m}
              canConfirm={supervisor}
              onChanged={setFresh}
            />
          ))}
          {cadre && d.next && MEETING_STEPS.includes(d.next) ? (
            <MeetingForm
              key={`${d.next}-${d.steps.find((s) => s.step === d.next)?.attempts ?? 0}`}
              decision={d}
              step={d.next as MeetingStep}
              kind={d.next === 'resolution' ? d.resolutionBody : (d.next as 'committee' | 'partyCongress')}
              onDone={setFresh}
            />
          ) : null}
          {cadre && (d.next === 'resolutionPublic' || d.next === 'resultPublic') ? (
            <PublishForm key={d.next} d={d} onDone={setFresh} />
          ) : null}
          <RaiseLink villageId={d.villageId} subject={{ decisionId: d.id }} title={d.title} />
        </View>
      )}
    </RequestView>
  );
}
