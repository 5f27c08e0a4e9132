import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import type { Schedule, StandardOverview } from '@common/contracts/assessment';
import { call } from '@/services/api';
import { useFormSubmit } from '@/features/shared/forms';
import { showToast } from '@/features/shared/nav';
import {
  allIds,
  copyToYear,
  emptyStandard,
  formOf,
  maxBaseOf,
  standardProblems,
  type StandardForm,
} from './standardForm';
import { Problems, PointsInput } from './standardInputs';
import { BonusEditor, SectionsEditor, UnitsEditor, VetoesEditor } from './StandardLists';

/** The dates of the year's assessment, in the order they fall. */
const SCHEDULE_FIELDS: readonly (readonly [keyof Schedule, string])[] = [
  ['selfAssessBy', '自评截止日期'],
  ['submitBy', '报镇日期'],
  ['reportBy', '报市日期'],
];

/** The year's index standard: sections and items, bonus with cap, veto items, units, schedule. */
export function StandardFormView({
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
  const sending = useFormSubmit();
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
  const ids = () => allIds(f);
  const base = maxBaseOf(f);

  const save = () => {
    sending.say(null);
    const list = standardProblems(f);
    setProblems(list);
    if (list.length) return;
    void sending.run(async () => {
      const s = await call('assessment', 'saveStandard', f);
      showToast({ title: `已发布第 ${s.version} 版`, icon: 'success' });
      onSaved();
    });
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

      <SectionsEditor
        rows={f.sections}
        onChange={(sections) => set({ sections })}
        locked={locked}
        ids={ids}
      />

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
        <BonusEditor
          rows={f.bonus.items}
          onChange={(items) => set({ bonus: { ...f.bonus, items } })}
          locked={locked}
          ids={ids}
        />
      </View>

      <View id="std-vetoes" className="card std-card">
        <Text className="section-title">否决项（存在任何一项即不认定为清廉村居）</Text>
        <VetoesEditor rows={f.vetoes} onChange={(vetoes) => set({ vetoes })} locked={locked} ids={ids} />
      </View>

      <View id="std-units" className="card std-card">
        <Text className="section-title">日常监管责任单位（每月 2 日前报送上月台账）</Text>
        <UnitsEditor rows={f.units} onChange={(units) => set({ units })} locked={locked} ids={ids} />
      </View>

      <Problems id="standard-problems" list={problems} />
      {sending.message ? (
        <Text id="standard-message" className="card field-error">
          {sending.message}
        </Text>
      ) : null}
      {locked ? null : (
        <View className="sheet-tools">
          <Button id="standard-save" type="primary" loading={sending.busy} onClick={save}>
            {overview.standard ? `发布第 ${overview.standard.version + 1} 版` : `发布 ${year} 年度标准`}
          </Button>
          <Text className="field-hint">发布后各村按新版本自评；村里已保存的自评分保留。</Text>
        </View>
      )}
    </View>
  );
}
