import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import type { Schedule, SchemeWithUse, StandardOverview } from '@common/contracts/assessment';
import { AUTO_SOURCE_LABELS, AUTO_SOURCES } from '@common/contracts/assessment';
import { formatChinaDateTime } from '@common/clock';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { toApiError, useRequest } from '@/features/shared/useRequest';
import {
  allIds,
  copyToYear,
  emptyStandard,
  formOf,
  freshId,
  maxBaseOf,
  pointsOf,
  schemeFormOf,
  schemeProblems,
  standardProblems,
  type SchemeForm,
  type StandardForm,
} from './standardForm';
import { showToast } from '../shared/nav';

/** The dates of the year's assessment, in the order they fall. */
const SCHEDULE_FIELDS: readonly (readonly [keyof Schedule, string])[] = [
  ['selfAssessBy', '自评截止日期'],
  ['submitBy', '报镇日期'],
  ['reportBy', '报市日期'],
];

/** A number field that keeps what is typed; the value is NaN until it reads as a number. */
function PointsInput({
  id,
  value,
  onChange,
  disabled,
  placeholder,
}: {
  id?: string;
  value: number;
  onChange: (n: number) => void;
  disabled?: boolean;
  placeholder?: string;
}) {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '');
  return (
    <Input
      id={id}
      className="input std-points"
      type="digit"
      value={text}
      disabled={disabled}
      placeholder={placeholder ?? '分值'}
      onChange={(t) => {
        setText(t);
        onChange(pointsOf(t));
      }}
    />
  );
}

function Problems({ id, list }: { id: string; list: string[] }) {
  if (!list.length) return null;
  return (
    <View id={id} className="card std-problems">
      <Text className="field-error">请先改正以下 {list.length} 处：</Text>
      {list.slice(0, 20).map((p) => (
        <Text key={p} className="field-error std-problem">
          · {p}
        </Text>
      ))}
    </View>
  );
}

/** The tier scheme: tiers with score lines, which count as 清廉村居, and the year's targets. */
function SchemeEditor({
  year,
  schemes,
  currentId,
  onSaved,
}: {
  year: number;
  schemes: SchemeWithUse[];
  currentId: string | null;
  onSaved: (schemeId: string) => void;
}) {
  const initial = schemes.find((s) => s.id === currentId) ?? schemes[0] ?? null;
  const [form, setForm] = useState<SchemeForm>(() =>
    initial
      ? schemeFormOf(initial)
      : {
          id: 'scheme1',
          name: '',
          tiers: [
            { key: 'exemplary', label: '示范村', minScore: 90, countsAsQinglian: true },
            { key: 'qualified', label: '达标村', minScore: 80, countsAsQinglian: true },
            { key: 'improving', label: '提升村', minScore: 70, countsAsQinglian: true },
            { key: 'developing', label: '促进村', minScore: 0, countsAsQinglian: false },
          ],
          vetoTier: 'developing',
          targets: {},
        },
  );
  const [isNew, setIsNew] = useState(!initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = schemes.find((s) => s.id === form.id);
  const locked = !isNew && !!saved && saved.lockedYears.length > 0;
  const y = String(year);
  const target = form.targets[y] ?? { counts: {}, keepPrevious: false };
  const setTarget = (patch: Partial<typeof target>) =>
    setForm({ ...form, targets: { ...form.targets, [y]: { ...target, ...patch } } });
  const setTier = (i: number, patch: Partial<SchemeForm['tiers'][number]>) =>
    setForm({ ...form, tiers: form.tiers.map((t, n) => (n === i ? { ...t, ...patch } : t)) });

  const pick = (s: SchemeWithUse) => {
    setForm(schemeFormOf(s));
    setIsNew(false);
    setProblems([]);
    setMessage(null);
  };

  const save = async () => {
    setMessage(null);
    const list = schemeProblems(form);
    setProblems(list);
    if (list.length) return;
    setBusy(true);
    try {
      const s = await call('assessment', 'saveScheme', form);
      showToast({ title: '定级办法已保存', icon: 'success' });
      setIsNew(false);
      onSaved(s.id);
    } catch (e) {
      setMessage(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="scheme-editor" className="card std-card">
      <Text className="section-title">定级办法（档次、分数线和 {year} 年目标）</Text>
      <View className="status-choices">
        {schemes.map((s) => (
          <Text
            key={s.id}
            id={`scheme-${s.id}`}
            className={`chip tap${!isNew && s.id === form.id ? ' active' : ''}`}
            onClick={() => pick(s)}
          >
            {s.name}
          </Text>
        ))}
        <Text
          id="scheme-new"
          className={`chip tap${isNew ? ' active' : ''}`}
          onClick={() => {
            setForm({
              ...form,
              id: freshId(
                'scheme',
                schemes.map((s) => s.id),
              ),
              name: form.name ? `${form.name}（${year} 年起）` : '',
            });
            setIsNew(true);
          }}
        >
          ＋ 新建（复制当前）
        </Text>
      </View>
      {locked ? (
        <Text id="scheme-locked" className="field-hint warn-text">
          已用于 {saved!.lockedYears.join('、')}{' '}
          年度已提交的评分表：档次和分数线不能再修改，年度目标仍可修改。
          新的年度如需不同的档次，请“新建（复制当前）”。
        </Text>
      ) : null}
      <View className="field">
        <Text className="field-label">名称</Text>
        <Input
          id="scheme-name"
          className="input"
          value={form.name}
          onChange={(t) => setForm({ ...form, name: t })}
          placeholder="例如：四档定级（示范村、达标村、提升村、促进村）"
        />
      </View>
      <View className="std-table">
        <View className="std-tier std-head">
          <Text>档次名称</Text>
          <Text>分数线（不低于）</Text>
          <Text>认定为清廉村居</Text>
          <Text>{year} 年目标（个）</Text>
          <Text> </Text>
        </View>
        {form.tiers.map((t, i) => (
          <View key={t.key} id={`tier-${t.key}`} className="std-tier">
            <Input
              className="input"
              value={t.label}
              disabled={locked}
              onChange={(v) => setTier(i, { label: v })}
              placeholder="档次名称"
            />
            <PointsInput
              id={`tier-min-${t.key}`}
              value={t.minScore}
              disabled={locked}
              onChange={(v) => setTier(i, { minScore: v })}
            />
            <Switch
              checked={t.countsAsQinglian}
              disabled={locked}
              onChange={(v) => setTier(i, { countsAsQinglian: v })}
            />
            <Input
              id={`target-${t.key}`}
              className="input"
              type="number"
              value={target.counts[t.key] === undefined ? '' : String(target.counts[t.key])}
              placeholder="不设"
              onChange={(v) => {
                const counts = { ...target.counts };
                if (v.trim() === '') delete counts[t.key];
                else counts[t.key] = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
                setTarget({ counts });
              }}
            />
            {locked || form.tiers.length <= 2 ? (
              <Text> </Text>
            ) : (
              <Text
                className="link tap"
                onClick={() =>
                  setForm({
                    ...form,
                    tiers: form.tiers.filter((_, n) => n !== i),
                    vetoTier: form.vetoTier === t.key ? null : form.vetoTier,
                  })
                }
              >
                删除
              </Text>
            )}
          </View>
        ))}
      </View>
      {locked ? null : (
        <Button
          size="small"
          fill="outline"
          onClick={() =>
            setForm({
              ...form,
              tiers: [
                ...form.tiers,
                {
                  key: freshId(
                    'tier',
                    form.tiers.map((t) => t.key),
                  ),
                  label: '',
                  minScore: NaN,
                  countsAsQinglian: false,
                },
              ],
            })
          }
        >
          ＋ 添加档次
        </Button>
      )}
      <View className="field">
        <Text className="field-label">存在否决项时定为</Text>
        <View className="status-choices">
          {[...form.tiers.filter((t) => !t.countsAsQinglian), null].map((t) => (
            <Text
              key={t?.key ?? 'none'}
              className={`chip tap${form.vetoTier === (t?.key ?? null) ? ' active' : ''}`}
              onClick={() => !locked && setForm({ ...form, vetoTier: t?.key ?? null })}
            >
              {t ? t.label || '（未命名）' : '不定级'}
            </Text>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field-label">{year} 年每个村至少达到</Text>
        <View className="status-choices">
          {[null, ...form.tiers].map((t) => (
            <Text
              key={t?.key ?? 'none'}
              className={`chip tap${(target.floorTier ?? null) === (t?.key ?? null) ? ' active' : ''}`}
              onClick={() => setTarget({ floorTier: t?.key })}
            >
              {t ? t.label || '（未命名）' : '不要求'}
            </Text>
          ))}
        </View>
      </View>
      <View className="setting-row plain">
        <Text className="field-label">已评为较高档次的村，今年不低于上年档次</Text>
        <Switch checked={target.keepPrevious} onChange={(v) => setTarget({ keepPrevious: v })} />
      </View>
      <Problems id="scheme-problems" list={problems} />
      {message ? (
        <Text id="scheme-message" className="field-error">
          {message}
        </Text>
      ) : null}
      <Button id="scheme-save" type="primary" loading={busy} onClick={save}>
        保存定级办法
      </Button>
    </View>
  );
}

/** The year's index standard: sections and items, bonus with cap, veto items, units, schedule. */
function StandardFormView({
  overview,
  previous,
  onSaved,
}: {
  overview: StandardOverview & { yearAsked: number };
  previous: StandardOverview['standard'];
  onSaved: () => void;
}) {
  const year = overview.standard?.year ?? overview.yearAsked;
  const [form, setForm] = useState<StandardForm | null>(() =>
    overview.standard ? formOf(overview.standard) : null,
  );
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = overview.submittedSheets > 0;
  const schemeId = overview.standard?.schemeId ?? overview.schemes[0]?.id ?? '';

  if (!form) {
    return (
      <View id="standard-empty" className="card std-card">
        <Text className="section-title">{year} 年度测评标准尚未发布</Text>
        <Text className="field-hint">可以复制上一年度的标准再修改，也可以从空白开始。</Text>
        <View className="sheet-tools">
          {previous ? (
            <Button id="copy-last-year" type="primary" onClick={() => setForm(copyToYear(previous, year))}>
              复制 {previous.year} 年度标准
            </Button>
          ) : null}
          <Button id="start-blank" fill="outline" onClick={() => setForm(emptyStandard(year, schemeId))}>
            从空白开始
          </Button>
        </View>
      </View>
    );
  }

  const f = form;
  const set = (patch: Partial<StandardForm>) => setForm({ ...f, ...patch });
  const setSection = (i: number, patch: Partial<StandardForm['sections'][number]>) =>
    set({ sections: f.sections.map((s, n) => (n === i ? { ...s, ...patch } : s)) });
  const setItem = (i: number, j: number, patch: Partial<StandardForm['sections'][number]['items'][number]>) =>
    set({
      sections: f.sections.map((s, n) =>
        n === i ? { ...s, items: s.items.map((it, m) => (m === j ? { ...it, ...patch } : it)) } : s,
      ),
    });
  const ids = () => allIds(f);
  const base = maxBaseOf(f);

  const save = async () => {
    setMessage(null);
    const list = standardProblems(f);
    setProblems(list);
    if (list.length) return;
    setBusy(true);
    try {
      const s = await call('assessment', 'saveStandard', f);
      showToast({ title: `已发布第 ${s.version} 版`, icon: 'success' });
      onSaved();
    } catch (e) {
      setMessage(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="standard-form" className="std-form">
      {locked ? (
        <Text id="standard-locked" className="card field-error">
          {year} 年度已有 {overview.submittedSheets} 个村提交了自评，本年度测评标准已锁定，不能再修改。
          如确需调整，请先将已提交、未定级的评分表退回村里。
        </Text>
      ) : null}
      <View className="card std-card">
        <Text className="section-title">基本信息</Text>
        <View className="std-grid">
          <View className="field std-wide">
            <Text className="field-label">标准名称</Text>
            <Input
              id="std-title"
              className="input"
              value={f.title}
              disabled={locked}
              onChange={(t) => set({ title: t })}
            />
          </View>
          {SCHEDULE_FIELDS.map(([key, label]) => (
            <View className="field" key={key}>
              <Text className="field-label">{label}</Text>
              <Input
                id={`std-${key}`}
                className="input"
                value={f.schedule[key]}
                disabled={locked}
                maxLength={10}
                placeholder="YYYY-MM-DD"
                onChange={(t) => set({ schedule: { ...f.schedule, [key]: t.trim() } })}
              />
            </View>
          ))}
          <View className="field">
            <Text className="field-label">监管台账起始月份</Text>
            <Input
              className="input"
              value={f.ledgerSince}
              disabled={locked}
              maxLength={7}
              placeholder="YYYY-MM"
              onChange={(t) => set({ ledgerSince: t.trim() })}
            />
          </View>
        </View>
        <View className="field">
          <Text className="field-label">定级办法</Text>
          <View className="status-choices">
            {overview.schemes.map((s) => (
              <Text
                key={s.id}
                id={`std-scheme-${s.id}`}
                className={`chip tap${f.schemeId === s.id ? ' active' : ''}`}
                onClick={() => !locked && set({ schemeId: s.id })}
              >
                {s.name}
              </Text>
            ))}
          </View>
        </View>
        <Text id="std-max" className="field-hint">
          基础分满分 {base} 分，加分最多 {Number.isFinite(f.bonus.cap) ? f.bonus.cap : '—'} 分。
        </Text>
      </View>

      {f.sections.map((sec, i) => (
        <View key={sec.id} id={`std-section-${i}`} className="card std-card">
          <View className="std-section-head">
            <Input
              className="input std-section-title"
              value={sec.title}
              disabled={locked}
              placeholder="部分名称，例如：班子清廉"
              onChange={(t) => setSection(i, { title: t })}
            />
            <Text className="field-hint">
              小计 {sec.items.reduce((s, it) => s + (Number.isFinite(it.maxPoints) ? it.maxPoints : 0), 0)} 分
            </Text>
            {locked || f.sections.length <= 1 ? null : (
              <Text
                className="link tap"
                onClick={() => set({ sections: f.sections.filter((_, n) => n !== i) })}
              >
                删除本部分
              </Text>
            )}
          </View>
          {sec.items.map((it, j) => (
            <View key={it.id} id={`std-item-${i}-${j}`} className="std-item">
              <View className="std-item-main">
                <TextArea
                  className="std-item-title"
                  value={it.title}
                  disabled={locked}
                  maxLength={80}
                  autoSize
                  placeholder={`第 ${j + 1} 项评分内容`}
                  onChange={(t) => setItem(i, j, { title: t })}
                />
                <PointsInput
                  id={`std-max-${i}-${j}`}
                  value={it.maxPoints}
                  disabled={locked}
                  placeholder="满分"
                  onChange={(v) => setItem(i, j, { maxPoints: v })}
                />
              </View>
              <TextArea
                className="std-guidance"
                value={it.guidance}
                disabled={locked}
                maxLength={500}
                autoSize
                placeholder="评分说明（怎样得分、怎样扣分）"
                onChange={(t) => setItem(i, j, { guidance: t })}
              />
              <View className="status-choices">
                <Text className="field-hint">计分方式：</Text>
                {[undefined, ...AUTO_SOURCES].map((src) => (
                  <Text
                    key={src ?? 'hand'}
                    className={`chip tap${it.auto === src ? ' active' : ''}`}
                    onClick={() => !locked && setItem(i, j, { auto: src })}
                  >
                    {src ? `系统计分：${AUTO_SOURCE_LABELS[src]}` : '人工评分'}
                  </Text>
                ))}
                {locked || sec.items.length <= 1 ? null : (
                  <Text
                    className="link tap"
                    onClick={() => setSection(i, { items: sec.items.filter((_, n) => n !== j) })}
                  >
                    删除本项
                  </Text>
                )}
              </View>
            </View>
          ))}
          {locked ? null : (
            <Button
              id={`std-add-item-${i}`}
              size="small"
              fill="outline"
              onClick={() =>
                setSection(i, {
                  items: [
                    ...sec.items,
                    { id: freshId('item', ids()), title: '', maxPoints: NaN, guidance: '' },
                  ],
                })
              }
            >
              ＋ 添加评分项
            </Button>
          )}
        </View>
      ))}
      {locked ? null : (
        <Button
          id="std-add-section"
          fill="outline"
          onClick={() =>
            set({
              sections: [
                ...f.sections,
                {
                  id: freshId('sec', ids()),
                  title: '',
                  items: [{ id: freshId('item', ids()), title: '', maxPoints: NaN, guidance: '' }],
                },
              ],
            })
          }
        >
          ＋ 添加评分部分
        </Button>
      )}

      <View id="std-bonus" className="card std-card">
        <Text className="section-title">加分项</Text>
        <View className="field">
          <Text className="field-label">加分上限（各加分项合计最多计入的分数）</Text>
          <PointsInput
            id="std-bonus-cap"
            value={f.bonus.cap}
            disabled={locked}
            onChange={(v) => set({ bonus: { ...f.bonus, cap: v } })}
          />
        </View>
        {f.bonus.items.map((b, j) => (
          <View key={b.id} className="std-item">
            <View className="std-item-main">
              <TextArea
                className="std-item-title"
                value={b.title}
                disabled={locked}
                maxLength={80}
                autoSize
                placeholder="加分情形"
                onChange={(t) =>
                  set({
                    bonus: {
                      ...f.bonus,
                      items: f.bonus.items.map((x, n) => (n === j ? { ...x, title: t } : x)),
                    },
                  })
                }
              />
              <PointsInput
                value={b.maxPoints}
                disabled={locked}
                placeholder="最多"
                onChange={(v) =>
                  set({
                    bonus: {
                      ...f.bonus,
                      items: f.bonus.items.map((x, n) => (n === j ? { ...x, maxPoints: v } : x)),
                    },
                  })
                }
              />
            </View>
            <View className="std-item-main">
              <Input
                className="input"
                value={b.guidance}
                disabled={locked}
                placeholder="证明材料要求，例如：附命名文件"
                onChange={(t) =>
                  set({
                    bonus: {
                      ...f.bonus,
                      items: f.bonus.items.map((x, n) => (n === j ? { ...x, guidance: t } : x)),
                    },
                  })
                }
              />
              {locked ? null : (
                <Text
                  className="link tap"
                  onClick={() =>
                    set({ bonus: { ...f.bonus, items: f.bonus.items.filter((_, n) => n !== j) } })
                  }
                >
                  删除
                </Text>
              )}
            </View>
          </View>
        ))}
        {locked ? null : (
          <Button
            size="small"
            fill="outline"
            onClick={() =>
              set({
                bonus: {
                  ...f.bonus,
                  items: [
                    ...f.bonus.items,
                    { id: freshId('bonus', ids()), title: '', maxPoints: NaN, guidance: '' },
                  ],
                },
              })
            }
          >
            ＋ 添加加分项
          </Button>
        )}
      </View>

      <View id="std-vetoes" className="card std-card">
        <Text className="section-title">否决项（存在任何一项即不认定为清廉村居）</Text>
        {f.vetoes.map((v, j) => (
          <View key={v.id} className="std-item std-item-main">
            <TextArea
              className="std-item-title"
              value={v.title}
              disabled={locked}
              maxLength={80}
              autoSize
              placeholder="否决情形"
              onChange={(t) => set({ vetoes: f.vetoes.map((x, n) => (n === j ? { ...x, title: t } : x)) })}
            />
            {locked ? null : (
              <Text className="link tap" onClick={() => set({ vetoes: f.vetoes.filter((_, n) => n !== j) })}>
                删除
              </Text>
            )}
          </View>
        ))}
        {locked ? null : (
          <Button
            size="small"
            fill="outline"
            onClick={() =>
              set({ vetoes: [...f.vetoes, { id: freshId('veto', ids()), title: '', guidance: '' }] })
            }
          >
            ＋ 添加否决项
          </Button>
        )}
      </View>

      <View id="std-units" className="card std-card">
        <Text className="section-title">日常监管责任单位（每月 2 日前报送上月台账）</Text>
        {f.units.map((u, j) => (
          <View key={u.id} className="std-item std-item-main">
            <Input
              className="input"
              value={u.name}
              disabled={locked}
              placeholder="例如：镇纪委（派出监察室）"
              onChange={(t) => set({ units: f.units.map((x, n) => (n === j ? { ...x, name: t } : x)) })}
            />
            {locked ? null : (
              <Text className="link tap" onClick={() => set({ units: f.units.filter((_, n) => n !== j) })}>
                删除
              </Text>
            )}
          </View>
        ))}
        {locked ? null : (
          <Button
            size="small"
            fill="outline"
            onClick={() => set({ units: [...f.units, { id: freshId('unit', ids()), name: '' }] })}
          >
            ＋ 添加责任单位
          </Button>
        )}
      </View>

      <Problems id="standard-problems" list={problems} />
      {message ? (
        <Text id="standard-message" className="card field-error">
          {message}
        </Text>
      ) : null}
      {locked ? null : (
        <View className="sheet-tools">
          <Button id="standard-save" type="primary" loading={busy} onClick={save}>
            {overview.standard ? `发布第 ${overview.standard.version + 1} 版` : `发布 ${year} 年度标准`}
          </Button>
          <Text className="field-hint">发布后各村按新版本自评；村里已保存的自评分保留。</Text>
        </View>
      )}
    </View>
  );
}

/** The town's editor of the year's index standard and tier scheme. */
export function StandardEditor({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const d = useRequest(async () => {
    const [cur, prev] = await Promise.all([
      call('assessment', 'standard', { year }),
      call('assessment', 'standard', { year: year - 1 }),
    ]);
    return { cur: { ...cur, yearAsked: year }, prev: prev.standard };
  }, [year]);
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: `${year} 年度测评标准` }).catch(() => undefined);
  }, [year]);
  const reload = d.reload;
  return (
    <View id="assessment-standard">
      <View className="year-switch">
        <Button id="std-prev-year" size="small" fill="outline" onClick={() => setYear(year - 1)}>
          上一年
        </Button>
        <Text id="std-year" className="page-title">
          {year} 年度清廉村居测评标准
        </Text>
        <Button id="std-next-year" size="small" fill="outline" onClick={() => setYear(year + 1)}>
          下一年
        </Button>
      </View>
      <RequestView state={d}>
        {({ cur, prev }) => (
          // Keyed by the year the data is for: switching years starts the forms afresh, a reload
          // after saving keeps what is being edited.
          <View key={cur.yearAsked} className="std-layout">
            <Text id="std-version" className="page-subtitle">
              {cur.standard
                ? `当前为第 ${cur.standard.version} 版，${formatChinaDateTime(cur.standard.publishedAt)} 发布${cur.scheme ? `；定级办法：${cur.scheme.name}` : ''}`
                : '本年度尚未发布测评标准'}
              {cur.years.length ? `；已有标准的年度：${cur.years.join('、')}` : ''}
            </Text>
            <SchemeEditor
              year={year}
              schemes={cur.schemes}
              currentId={cur.standard?.schemeId ?? null}
              onSaved={reload}
            />
            <StandardFormView overview={cur} previous={prev} onSaved={reload} />
          </View>
        )}
      </RequestView>
    </View>
  );
}
