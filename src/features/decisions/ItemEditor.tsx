import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button, Switch } from '@nutui/nutui-react-taro';
import type { Binding } from '@common/contracts/account';
import {
  decisionsInputs,
  LIST_LABELS,
  LISTS,
  POWER_CATEGORIES,
  POWER_CATEGORY_LABELS,
  type FlowStep,
  type ItemDetail,
  type ListKind,
  type PowerCategory,
} from '@common/contracts/decisions';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { ITEM_URL } from './format';
import { ChoiceField, TextField } from './fields';

const EMPTY_STEP: FlowStep = { actor: '', action: '', timeLimit: '', publicity: '' };
/** The fields of one step of a flow: what, its label, its length limit, whether it must be filled. */
const STEP_FIELDS: [keyof FlowStep, string, number, boolean][] = [
  ['actor', '办理人', 20, true],
  ['action', '办理事项', 100, true],
  ['timeLimit', '时限', 20, false],
  ['publicity', '公开内容', 60, false],
];

function StepsEditor({
  steps,
  onChange,
  errors,
}: {
  steps: FlowStep[];
  onChange: (s: FlowStep[]) => void;
  errors: Record<string, string>;
}) {
  const put = (n: number, patch: Partial<FlowStep>) =>
    onChange(steps.map((s, i) => (i === n ? { ...s, ...patch } : s)));
  return (
    <View id="steps-editor">
      {steps.map((s, n) => (
        <View key={n} className="card flow-step-edit">
          <Text className="dc-flow-no">{n + 1}</Text>
          {STEP_FIELDS.map(([k, label, maxLength, required]) => (
            <TextField
              key={k}
              id={`step-${n}-${k}`}
              name={`steps.${n}.${k}`}
              label={label}
              value={s[k]}
              onChange={(v) => put(n, { [k]: v })}
              error={errors[`steps.${n}.${k}`]}
              maxLength={maxLength}
              required={required}
            />
          ))}
          <Text className="link tap" onClick={() => onChange(steps.filter((_, i) => i !== n))}>
            删除这一步
          </Text>
        </View>
      ))}
      {steps.length < 12 ? (
        <Button fill="outline" block onClick={() => onChange([...steps, { ...EMPTY_STEP }])}>
          ＋ 添加一步
        </Button>
      ) : null}
    </View>
  );
}

function Form({ binding, base }: { binding: Binding; base: ItemDetail | null }) {
  const [requestId] = useState(newRequestId);
  const town = binding.roles.includes('townAdmin');
  const [list, setList] = useState<ListKind>(base?.list ?? 'power');
  const [name, setName] = useState(base?.name ?? '');
  const [category, setCategory] = useState<PowerCategory | undefined>(base?.category);
  const [basis, setBasis] = useState(base?.basis ?? '');
  const [keywords, setKeywords] = useState((base?.keywords ?? []).join('，'));
  const [steps, setSteps] = useState<FlowStep[]>(base?.steps ?? [{ ...EMPTY_STEP }]);
  const [reason, setReason] = useState('');
  const [retired, setRetired] = useState(false);
  const { errors, message, busy, submit } = useFormSubmit();
  const content = {
    list,
    name,
    category,
    basis,
    keywords: keywords.split(/[，,、\s]+/).filter(Boolean),
    steps: list === 'power' ? steps : [],
  };
  const done = async (d: ItemDetail) => {
    await Taro.redirectTo({ url: ITEM_URL(d.id) });
  };
  return (
    <View className="card" id="item-form">
      <Text className="section-title">
        {base ? `调整：${base.name}` : town ? '新增基本目录事项' : '新增本村事项（+X）'}
      </Text>
      <Chips
        idPrefix="list"
        options={LISTS.map((l) => ({ value: l, label: LIST_LABELS[l] }))}
        value={list}
        onChange={setList}
      />
      <TextField
        id="item-name-input"
        name="name"
        label="事项名称"
        value={name}
        onChange={setName}
        error={errors.name}
        maxLength={40}
        required
      />
      <ChoiceField
        idPrefix="category"
        name="category"
        label="类别"
        values={POWER_CATEGORIES}
        labels={POWER_CATEGORY_LABELS}
        value={category}
        onChange={setCategory}
        error={errors.category}
        required
      />
      <TextField
        id="item-basis"
        name="basis"
        label={list === 'power' ? '依据' : '内容'}
        kind="lines"
        value={basis}
        onChange={setBasis}
        error={errors.basis}
        maxLength={300}
      />
      <TextField
        id="item-keywords"
        name="keywords"
        label="关键词（村民搜索时用的说法）"
        value={keywords}
        onChange={setKeywords}
        error={errors.keywords}
        hint="用逗号隔开，例如：低保，救助"
        maxLength={120}
      />
      {list === 'power' ? (
        <Field label="运行流程" name="steps" error={errors.steps} required>
          <StepsEditor steps={steps} onChange={setSteps} errors={errors} />
        </Field>
      ) : null}
      {base ? (
        <View>
          <TextField
            id="item-reason"
            name="reason"
            label="调整原因"
            kind="lines"
            value={reason}
            onChange={setReason}
            error={errors.reason}
            hint="调整后生成新版本，原版本仍可查看"
            maxLength={200}
            required
          />
          <View className="setting-row plain">
            <Text className="field-label">停用此事项</Text>
            <Switch checked={retired} onChange={setRetired} />
          </View>
        </View>
      ) : null}
      <FormError message={message} />
      <Button
        id="item-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          base
            ? submit(
                decisionsInputs.reviseItem,
                { requestId, itemId: base.id, baseVersion: base.version, reason, retired, ...content },
                async (x) => done(await call('decisions', 'reviseItem', x)),
              )
            : submit(
                decisionsInputs.createItem,
                {
                  requestId,
                  scope: town ? 'town' : 'village',
                  ...(town ? {} : { villageId: binding.villageId ?? '' }),
                  ...content,
                },
                async (x) => done(await call('decisions', 'createItem', x)),
                category ? {} : { category: '请选择类别' },
              )
        }
      >
        {base ? '保存为新版本' : '发布'}
      </Button>
    </View>
  );
}

/** The town keeps the base catalogue, a cadre the village's +X items: add, or adjust with a reason. */
export function ItemEditor({ binding, id }: { binding: Binding; id?: string }) {
  const item = useRequest(() => call('decisions', 'item', { itemId: id ?? '' }), [id], { enabled: !!id });
  if (!id) return <Form binding={binding} base={null} />;
  return <RequestView state={item}>{(d) => <Form binding={binding} base={d} />}</RequestView>;
}
