import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Finding, FindingStatus, LedgerRow } from '@common/contracts/assessment';
import { FINDING_STATUS_LABELS, FINDING_STATUSES } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useFormSubmit } from '@/features/shared/forms';
import { TownPageControl, useTownPager } from '@/features/shared/TownPager';
import { saveExport } from '@/features/shared/download';
import { addMonth, LEDGER_STATE_LABELS, monthLabel, dateLabel } from './labels';

function LedgerForm({ row, month, onSaved }: { row: LedgerRow; month: string; onSaved: () => void }) {
  const [findings, setFindings] = useState<Finding[]>(row.findings);
  const [note, setNote] = useState(row.note);
  const form = useFormSubmit();
  const { message: error, busy } = form;
  const set = (i: number, patch: Partial<Finding>) =>
    setFindings(findings.map((f, n) => (n === i ? { ...f, ...patch } : f)));
  const save = () =>
    form.run(async () => {
      await call('assessment', 'saveLedger', {
        unitId: row.unitId,
        villageId: row.villageId,
        month,
        note,
        findings: findings.map((f) => ({ ...f, deadline: f.deadline || undefined })),
      });
      onSaved();
    });
  return (
    <View className="entry-form">
      {findings.map((f, i) => (
        <View key={i} className="finding">
          <Text className="field-label">问题 {i + 1}</Text>
          <TextArea
            value={f.finding}
            onChange={(t) => set(i, { finding: t })}
            placeholder="检查发现的问题"
            maxLength={300}
          />
          <TextArea
            value={f.rectification}
            onChange={(t) => set(i, { rectification: t })}
            placeholder="整改措施"
            maxLength={300}
          />
          <Input
            className="input"
            value={f.deadline ?? ''}
            onChange={(t) => set(i, { deadline: t })}
            placeholder="整改时限，例如 2026-12-20"
            maxLength={10}
          />
          <View className="status-choices">
            {FINDING_STATUSES.map((s: FindingStatus) => (
              <Text
                key={s}
                className={`chip tap${f.status === s ? ' active' : ''}`}
                onClick={() => set(i, { status: s })}
              >
                {FINDING_STATUS_LABELS[s]}
              </Text>
            ))}
            <Text className="link tap" onClick={() => setFindings(findings.filter((_, n) => n !== i))}>
              删除
            </Text>
          </View>
        </View>
      ))}
      <Button
        fill="outline"
        size="small"
        onClick={() => setFindings([...findings, { finding: '', rectification: '', status: 'open' }])}
      >
        ＋ 添加发现的问题
      </Button>
      <TextArea
        value={note}
        onChange={setNote}
        placeholder={findings.length ? '备注（选填）' : '未发现问题时可填写检查情况'}
        maxLength={500}
      />
      {error ? <Text className="field-error">{error}</Text> : null}
      <Button id={`ledger-save-${row.villageId}`} type="primary" loading={busy} onClick={save}>
        {row.submittedAt ? '更新台账' : '报送台账'}
      </Button>
    </View>
  );
}

/** The monthly supervision ledger of one responsible unit: the villages a page at a time, due by the 2nd. */
export function LedgerScreen({ today }: { today: string }) {
  const [month, setMonth] = useState(() => addMonth(today.slice(0, 7), -1));
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const exporting = useFormSubmit();
  const pager = useTownPager();
  const { cursor, reset } = pager;
  const ledger = useRequest(
    () => call('assessment', 'ledger', { month, unitId, ...(cursor ? { cursor } : {}) }),
    [month, unitId, cursor],
  );
  // Another month or unit starts again from the first page of villages.
  const pick = (then: () => void) => {
    reset();
    then();
  };
  return (
    <RequestView state={ledger}>
      {(d) => {
        const unit = unitId ?? d.units[0]?.id;
        const rows = d.rows.filter((r) => r.unitId === unit);
        return (
          <View id="assessment-ledger">
            <View className="year-switch">
              <Button
                id="ledger-prev"
                size="small"
                fill="outline"
                onClick={() => pick(() => setMonth(addMonth(month, -1)))}
              >
                上月
              </Button>
              <Text id="ledger-month" className="page-title">
                {monthLabel(d.month)}监管台账
              </Text>
              <Button
                id="ledger-next"
                size="small"
                fill="outline"
                onClick={() => pick(() => setMonth(addMonth(month, 1)))}
              >
                下月
              </Button>
            </View>
            <Text className="field-hint">每月 2 日前报送上月台账；本月台账截止 {dateLabel(d.dueOn)}。</Text>
            <View className="status-choices">
              {d.units.map((u) => (
                <Text
                  key={u.id}
                  id={`unit-${u.id}`}
                  className={`chip tap${u.id === unit ? ' active' : ''}`}
                  onClick={() => pick(() => setUnitId(u.id))}
                >
                  {u.name}
                </Text>
              ))}
            </View>
            <Button
              fill="outline"
              size="small"
              loading={exporting.busy}
              onClick={() =>
                void exporting.run(async () =>
                  saveExport(await call('assessment', 'export', { kind: 'ledger', month })),
                )
              }
            >
              导出本月台账
            </Button>
            {exporting.message ? <Text className="field-error">{exporting.message}</Text> : null}
            {rows.map((r) => (
              <View
                key={`${r.unitId}-${r.villageId}`}
                id={`ledger-${r.villageId}`}
                className={`card ledger-row ledger-${r.state}`}
              >
                <View
                  className="card-row tap"
                  onClick={() => setOpen(open === r.villageId ? null : r.villageId)}
                >
                  <Text className="card-title">{r.villageName}</Text>
                  <Text
                    className={`badge ledger-state ${r.state === 'late' || r.state === 'missing' ? 'bad' : ''}`}
                  >
                    {LEDGER_STATE_LABELS[r.state]}
                  </Text>
                </View>
                {r.submittedAt ? (
                  <Text className="card-meta">
                    {formatChinaDateTime(r.submittedAt)} 报送（{r.byName}）
                  </Text>
                ) : null}
                {r.findings.map((f, i) => (
                  <Text key={i} className="card-meta">
                    问题：{f.finding}；整改：{f.rectification || '—'}；时限：
                    {f.deadline ? dateLabel(f.deadline) : '—'}；{FINDING_STATUS_LABELS[f.status]}
                  </Text>
                ))}
                {r.submittedAt && !r.findings.length ? (
                  <Text className="card-meta">未发现问题{r.note ? `（${r.note}）` : ''}</Text>
                ) : null}
                {open === r.villageId ? (
                  <LedgerForm
                    row={r}
                    month={month}
                    onSaved={() => {
                      setOpen(null);
                      ledger.reload();
                    }}
                  />
                ) : null}
              </View>
            ))}
            <TownPageControl id="ledger-pager" pager={pager} next={d.next} total={d.villageTotal} />
          </View>
        );
      }}
    </RequestView>
  );
}
