import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input, Switch } from '@nutui/nutui-react-taro';
import type { SchemeWithUse } from '@common/contracts/assessment';
import { call } from '@/services/api';
import { useFormSubmit } from '@/features/shared/forms';
import { ListEditor } from '@/features/shared/ListEditor';
import { showToast } from '@/features/shared/nav';
import { freshId, schemeFormOf, schemeProblems, type SchemeForm } from './standardForm';
import { PointsInput, Problems } from './standardInputs';

/** The tier scheme: tiers with score lines, which count as 清廉村居, and the year's targets. */
export function SchemeEditor({
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
  const sending = useFormSubmit();
  const saved = schemes.find((s) => s.id === form.id);
  const locked = !isNew && !!saved && saved.lockedYears.length > 0;
  const y = String(year);
  const target = form.targets[y] ?? { counts: {}, keepPrevious: false };
  const setTarget = (patch: Partial<typeof target>) =>
    setForm({ ...form, targets: { ...form.targets, [y]: { ...target, ...patch } } });
  // A removed tier is no longer the tier a veto leads to.
  const setTiers = (tiers: SchemeForm['tiers']) =>
    setForm({ ...form, tiers, vetoTier: tiers.some((t) => t.key === form.vetoTier) ? form.vetoTier : null });

  const pick = (s: SchemeWithUse) => {
    setForm(schemeFormOf(s));
    setIsNew(false);
    setProblems([]);
    sending.say(null);
  };

  const save = () => {
    sending.say(null);
    const list = schemeProblems(form);
    setProblems(list);
    if (list.length) return;
    void sending.run(async () => {
      const s = await call('assessment', 'saveScheme', form);
      showToast({ title: '定级办法已保存', icon: 'success' });
      setIsNew(false);
      onSaved(s.id);
    });
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
        <ListEditor
          name="tier"
          rows={form.tiers}
          onChange={setTiers}
          keyOf={(t) => t.key}
          rowClassName="std-tier"
          rowId={(t) => `tier-${t.key}`}
          locked={locked}
          minRows={2}
          addLabel="＋ 添加档次"
          newRow={() => ({
            key: freshId(
              'tier',
              form.tiers.map((t) => t.key),
            ),
            label: '',
            minScore: NaN,
            countsAsQinglian: false,
          })}
          renderRow={(t, set) => (
            <>
              <Input
                className="input"
                value={t.label}
                disabled={locked}
                onChange={(v) => set({ label: v })}
                placeholder="档次名称"
              />
              <PointsInput
                id={`tier-min-${t.key}`}
                value={t.minScore}
                disabled={locked}
                onChange={(v) => set({ minScore: v })}
              />
              <Switch
                checked={t.countsAsQinglian}
                disabled={locked}
                onChange={(v) => set({ countsAsQinglian: v })}
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
            </>
          )}
        />
      </View>
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
      {sending.message ? (
        <Text id="scheme-message" className="field-error">
          {sending.message}
        </Text>
      ) : null}
      <Button id="scheme-save" type="primary" loading={sending.busy} onClick={save}>
        保存定级办法
      </Button>
    </View>
  );
}
