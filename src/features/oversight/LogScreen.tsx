import { View, Text, Input, Textarea, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { chinaDateKey, chinaMonthKey, inChina } from '@common/clock';
import {
  FIX_STATUS_LABELS,
  LOG_KINDS,
  LOG_KIND_LABELS,
  oversightInputs,
  type FixMove,
  type FixView,
  type LogKind,
} from '@common/contracts/oversight';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import { saveExport } from '@/features/shared/download';
import { timeText } from './labels';

const dayLabel = (key: string) => inChina(`${key}T12:00:00+08:00`).format('YYYY年M月D日');
const monthLabel = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
const shiftMonth = (key: string, n: number) =>
  inChina(`${key}-15T12:00:00+08:00`).add(n, 'month').format('YYYY-MM');

function DateField({ id, value, onChange }: { id: string; value: string; onChange: (d: string) => void }) {
  return (
    <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <Text id={id} className="input tap">
        {dayLabel(value)}（点此更改）
      </Text>
    </Picker>
  );
}

/** A one-line text input of the log's forms. */
function LineInput({
  id,
  value,
  onChange,
  maxlength,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  maxlength?: number;
}) {
  return (
    <Input
      id={id}
      className="input"
      value={value}
      {...(maxlength === undefined ? {} : { maxlength })}
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}

const KIND_OPTIONS = LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }));

/** The 村监委 records one entry: a meeting, an attendance, a check, or a finding with its 整改. */
function AddEntry({ month, done }: { month: string; done: () => void }) {
  const today = chinaDateKey(new Date());
  const [kind, setKind] = useState<LogKind>('meeting');
  const [date, setDate] = useState(today.startsWith(month) ? today : `${month}-01`);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [attendees, setAttendees] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState(today);
  const [what, setWhat] = useState('');
  const requestId = useRef(newRequestId());
  const form = useFormSubmit();
  const input = {
    requestId: requestId.current,
    kind,
    date,
    title,
    text,
    attendees: attendees
      .split(/[，,、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    ...(kind === 'finding' ? { fix: { owner, dueOn, what } } : {}),
  };
  return (
    <View className="card" id="log-add">
      <Text className="section-title">记一笔</Text>
      <Field label="类型" name="kind" error={form.errors.kind}>
        <Chips options={KIND_OPTIONS} value={kind} onChange={setKind} idPrefix="log-kind" />
      </Field>
      <Field label="日期" name="date" error={form.errors.date}>
        <DateField id="log-date" value={date} onChange={setDate} />
      </Field>
      <Field label="事项" name="title" required error={form.errors.title}>
        <LineInput id="log-title" value={title} maxlength={60} onChange={setTitle} />
      </Field>
      <Field label="内容" name="text" error={form.errors.text}>
        <Textarea
          id="log-text"
          className="ov-textarea"
          value={text}
          maxlength={2000}
          onInput={(e) => setText(e.detail.value)}
        />
      </Field>
      {kind === 'meeting' || kind === 'attendance' ? (
        <Field label="参加人员（用顿号或空格分开）" name="attendees" error={form.errors.attendees}>
          <LineInput id="log-attendees" value={attendees} onChange={setAttendees} />
        </Field>
      ) : null}
      {kind === 'finding' ? (
        <View>
          <Field label="整改要求" name="fix.what" required error={form.errors['fix.what'] ?? form.errors.fix}>
            <LineInput id="log-fix-what" value={what} onChange={setWhat} />
          </Field>
          <Field label="整改责任人" name="fix.owner" required error={form.errors['fix.owner']}>
            <LineInput id="log-fix-owner" value={owner} onChange={setOwner} />
          </Field>
          <Field label="整改期限" name="fix.dueOn" error={form.errors['fix.dueOn']}>
            <DateField id="log-fix-due" value={dueOn} onChange={setDueOn} />
          </Field>
        </View>
      ) : null}
      <FormError message={form.message} />
      <Button
        id="log-add-submit"
        type="primary"
        block
        loading={form.busy}
        onClick={() =>
          void form.submit(oversightInputs.logAdd, input, async (i) => {
            await call('oversight', 'logAdd', i);
            requestId.current = newRequestId();
            setTitle('');
            setText('');
            setWhat('');
            await Taro.showToast({ title: '已记录', icon: 'success' });
            done();
          })
        }
      >
        保存
      </Button>
    </View>
  );
}

const MOVE_LABELS: Record<FixMove, string> = {
  done: '报告已整改',
  verified: '核实销号',
  reopened: '未整改到位，退回',
};

function FixCard({ f, villageId, done }: { f: FixView; villageId: string; done: () => void }) {
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const requestId = useRef(newRequestId());
  return (
    <View
      className={`card ov-item${f.overdue ? ' ov-alert' : ''}`}
      id={`fix-${f.id.replace(/[^A-Za-z0-9_-]/g, '_')}`}
    >
      <View className="card-meta">
        <Text className="badge">{f.foundBy}</Text>
        <Text className={`ov-state${f.status === 'verified' ? ' ov-state-closed' : ''}`}>
          {FIX_STATUS_LABELS[f.status]}
        </Text>
        {f.overdue ? <Text className="ov-state ov-overdue">已逾期</Text> : null}
      </View>
      <Text className="ov-item-text">{f.finding}</Text>
      {f.what ? <Text className="ov-meta">整改要求：{f.what}</Text> : null}
      <Text className="ov-meta">
        {dayLabel(f.foundOn)}发现 · 责任人：{f.owner}
        {f.dueOn ? ` · 期限：${dayLabel(f.dueOn)}` : ''}
      </Text>
      {f.history.map((h, i) => (
        <Text key={i} className="ov-meta">
          {timeText(h.at)} {h.by}（{MOVE_LABELS[h.move]}）：{h.note}
        </Text>
      ))}
      {f.can.length ? (
        <View>
          <Field label="说明" name="note" error={form.errors.note}>
            <Input className="input fix-note" value={note} onInput={(e) => setNote(e.detail.value)} />
          </Field>
          <FormError message={form.message} />
          <View className="actions">
            {f.can.map((m) => (
              <Button
                key={m}
                className={`fix-move-${m}`}
                type={m === 'reopened' ? 'default' : 'primary'}
                loading={form.busy}
                onClick={() =>
                  void form.submit(
                    oversightInputs.fixUpdate,
                    { requestId: requestId.current, fixId: f.id, villageId, move: m, note },
                    async (i) => {
                      await call('oversight', 'fixUpdate', i);
                      requestId.current = newRequestId();
                      setNote('');
                      done();
                    },
                  )
                }
              >
                {MOVE_LABELS[m]}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** The 村监委's 台账 of one month: its log, the 整改 list (its own and the town's), and export. */
export function LogScreen({ villageId }: { villageId?: string }) {
  const [month, setMonth] = useState(chinaMonthKey(new Date()));
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const where = villageId ? { villageId } : {};
  const log = useRequest(() => call('oversight', 'logMonth', { month, ...where }), [month, villageId]);
  const exportMonth = async () => {
    setExporting(true);
    try {
      const file = await call('oversight', 'logExport', { month, ...where });
      await saveExport({ ...file, totals: null });
    } catch (e) {
      await Taro.showModal({ title: '导出失败', content: toApiError(e).message, showCancel: false });
    } finally {
      setExporting(false);
    }
  };
  return (
    <View id="oversight-log">
      <View className="actions">
        <Button fill="outline" id="log-prev" onClick={() => setMonth((m) => shiftMonth(m, -1))}>
          上个月
        </Button>
        <Text className="section-title" id="log-month">
          {monthLabel(month)}
        </Text>
        <Button fill="outline" id="log-next" onClick={() => setMonth((m) => shiftMonth(m, 1))}>
          下个月
        </Button>
      </View>
      <RequestView state={log}>
        {(d) => (
          <View>
            <Text className="section-title">{d.villageName}村务监督委员会工作日志</Text>
            {d.entries.length ? (
              d.entries.map((e) => (
                <View key={e.id} className="card ov-item log-entry">
                  <View className="card-meta">
                    <Text className="badge">{LOG_KIND_LABELS[e.kind]}</Text>
                    <Text className="ov-meta">{dayLabel(e.date)}</Text>
                  </View>
                  <Text className="ov-item-text">{e.title}</Text>
                  {e.text ? <Text className="ov-meta">{e.text}</Text> : null}
                  {e.attendees.length ? (
                    <Text className="ov-meta">参加：{e.attendees.join('、')}</Text>
                  ) : null}
                  <Text className="ov-meta">记录人：{e.by}</Text>
                </View>
              ))
            ) : (
              <EmptyState title="本月还没有记录" />
            )}
            {d.canWrite ? (
              adding ? (
                <AddEntry
                  month={month}
                  done={() => {
                    setAdding(false);
                    log.reload();
                  }}
                />
              ) : (
                <Button id="log-add-open" type="primary" block onClick={() => setAdding(true)}>
                  记一笔（例会、列席、检查、发现问题）
                </Button>
              )
            ) : null}
            <Text className="section-title">整改清单</Text>
            {d.fixes.length ? (
              d.fixes.map((f) => <FixCard key={f.id} f={f} villageId={d.villageId} done={log.reload} />)
            ) : (
              <EmptyState title="没有待整改的问题" />
            )}
            <Button
              id="log-export"
              fill="outline"
              block
              loading={exporting}
              onClick={() => void exportMonth()}
            >
              导出本月台账（Excel）
            </Button>
          </View>
        )}
      </RequestView>
    </View>
  );
}
