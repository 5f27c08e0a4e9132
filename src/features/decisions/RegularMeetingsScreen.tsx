import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import type { Attachment } from '@common/contracts/disclosure';
import {
  decisionsInputs,
  RECORD_KIND_LABELS,
  RECORD_KINDS,
  type RecordKind,
} from '@common/contracts/decisions';
import { call, newRequestId } from '@/services/api';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { chinaToday, dateLabel, lateEntryLabel, num, periodLabel } from './format';
import { HeldOnInput, NumberRow, TextField } from './fields';

function RecordForm({ villageId, onDone }: { villageId: string; onDone: () => void }) {
  const [requestId, setRequestId] = useState(newRequestId);
  const [kind, setKind] = useState<RecordKind>('attendance');
  const [s, setS] = useState({ heldOn: chinaToday(), entitled: '', present: '', topics: '' });
  const [minutes, setMinutes] = useState<Attachment[]>([]);
  const { errors, message, busy, submit } = useFormSubmit();
  const set = (k: keyof typeof s) => (v: string) => setS((x) => ({ ...x, [k]: v }));
  return (
    <View className="card" id="regular-form">
      <Text className="section-title">登记会议</Text>
      <Chips
        idPrefix="kind"
        options={RECORD_KINDS.map((k) => ({ value: k, label: RECORD_KIND_LABELS[k] }))}
        value={kind}
        onChange={setKind}
      />
      <HeldOnInput idPrefix="regular" value={s.heldOn} onChange={set('heldOn')} error={errors.heldOn} />
      <NumberRow
        fields={(['entitled', 'present'] as const).map((k) => ({
          id: `regular-${k}`,
          name: k,
          label: k === 'entitled' ? '应到人数' : '实到人数',
          value: s[k],
          onChange: set(k),
          error: errors[k],
        }))}
      />
      <TextField
        id="regular-topics"
        name="topics"
        label="会议内容"
        kind="lines"
        value={s.topics}
        onChange={set('topics')}
        error={errors.topics}
        maxLength={500}
        required
      />
      <Field label="签到表和会议记录（照片）" name="minutes" error={errors.minutes} required>
        <AttachmentsEditor villageId={villageId} value={minutes} onChange={setMinutes} />
      </Field>
      <FormError message={message} />
      <Button
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            decisionsInputs.recordRegular,
            {
              requestId,
              villageId,
              kind,
              heldOn: s.heldOn,
              entitled: num(s.entitled),
              present: num(s.present),
              topics: s.topics,
              minutes,
            },
            async (data) => {
              await call('decisions', 'recordRegular', data);
              setRequestId(newRequestId());
              setMinutes([]);
              onDone();
            },
          )
        }
      >
        登记
      </Button>
    </View>
  );
}

/** Meetings of record: what was held, and what is missing. */
export function RegularMeetingsScreen({ binding, villageId }: { binding: Binding; villageId?: string }) {
  const data = useRequest(() => call('decisions', 'regular', { villageId }), [villageId]);
  const vid = villageId ?? binding.villageId ?? '';
  return (
    <View>
      <RequestView state={data}>
        {(r) => (
          <View>
            <View className="card" id="regular-missing">
              <Text className="section-title">{r.villageName}缺少的会议</Text>
              {r.missing.length === 0 ? <Text className="dc-hint">没有缺少的会议</Text> : null}
              {r.missing.map((m) => (
                <Text key={`${m.kind}-${m.periodKey}`} className="dc-missing">
                  {periodLabel(m.periodKey)}：{RECORD_KIND_LABELS[m.kind]}
                </Text>
              ))}
            </View>
            {binding.roles.includes('cadre') ? <RecordForm villageId={vid} onDone={data.reload} /> : null}
            <View className="card">
              <Text className="section-title">已登记的会议</Text>
              {r.records.map((m) => (
                <View key={m.id} className="dc-step">
                  <Text>
                    {dateLabel(m.heldOn)} {RECORD_KIND_LABELS[m.kind]}
                  </Text>
                  {m.late ? <Text className="dc-late">{lateEntryLabel(m.enteredOn)}</Text> : null}
                  <Text className="card-time">
                    应到 {m.entitled} 人，实到 {m.present} 人
                  </Text>
                </View>
              ))}
            </View>
          </View>
        )}
      </RequestView>
    </View>
  );
}
