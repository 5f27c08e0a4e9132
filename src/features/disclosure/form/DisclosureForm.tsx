import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  disclosureInputs,
  type Category,
  type DisclosureDetail,
} from '@common/contracts/disclosure';
import type { InputOf } from '@common/contracts';
import { call, newRequestId } from '@/services/api';
import {
  Chips,
  Field,
  FormError,
  useFormSubmit,
  validate,
  type Checker,
  type FieldErrors,
} from '../../shared/forms';
import { confirmStep } from '../../shared/confirm';
import { DateField } from '../../shared/DateField';
import { periodLabel } from '../labels';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { ItemsEditor } from './ItemsEditor';
import { ItemsPaste } from './ItemsPaste';
import { PeriodPicker } from './PeriodPicker';
import {
  contentOf,
  initialState,
  newRow,
  periodKeyOf,
  stateForPeriod,
  stateFromDetail,
  type FormState,
} from './model';
import { redirectTo, showToast } from '../../shared/nav';

const FIX_MESSAGE = '还有内容需要修改，请查看标红的提示';

type Props =
  | {
      mode: 'publish';
      villageId: string;
      base?: undefined;
      onConflict?: undefined;
      /** Opened for one period (an overdue line of 公开进度): category and period preset. */
      preset?: { category: Category; periodKey: string };
    }
  | { mode: 'correct'; villageId: string; base: DisclosureDetail; onConflict: () => void };

function withCategory(s: FormState, category: Category): FormState {
  const fresh = initialState(category);
  return {
    ...s,
    category,
    periodMode: fresh.periodMode,
    year: fresh.year,
    month: fresh.month,
    quarter: fresh.quarter,
    items: category === 'finance' ? (s.items.length ? s.items : [newRow('income'), newRow('expense')]) : [],
  };
}

/**
 * The action's schema and the form's own checks of what it cannot parse (`local`: messages by
 * field path, which replace the schema's for the same field).
 */
function formChecker<T>(schema: Checker<T>, local: () => { localErrors: FieldErrors }): Checker<T> {
  return {
    safeParse(input) {
      const check = validate(schema, input);
      const { localErrors } = local();
      if (check.ok && !Object.keys(localErrors).length) return { success: true, data: check.data };
      const found = { ...(check.ok ? {} : check.errors), ...localErrors };
      return {
        success: false,
        error: {
          issues: Object.entries(found).map(([path, message]) => ({ path: path.split('.'), message })),
        },
      };
    },
  };
}

/**
 * Publishing a disclosure, or correcting one (a new version with a reason). The action's own
 * schema checks the form before it is sent; one request id per form makes a repeated tap or a
 * retry after a lost reply publish only once.
 */
export function DisclosureForm(props: Props) {
  const { mode, villageId } = props;
  const [state, setState] = useState<FormState>(() =>
    props.base
      ? stateFromDetail(props.base)
      : props.mode === 'publish' && props.preset
        ? stateForPeriod(props.preset.category, props.preset.periodKey)
        : initialState('finance'),
  );
  const [requestId] = useState(newRequestId);
  const set = (patch: Partial<FormState>) => setState((s) => ({ ...s, ...patch }));
  const finance = state.category === 'finance';

  /** The action's input built from the form. */
  const inputOf = (s: FormState) => {
    const { content } = contentOf(s);
    return mode === 'publish'
      ? {
          requestId,
          villageId,
          category: s.category,
          major: s.major,
          ...(s.major && s.occurredOn.trim() ? { occurredOn: s.occurredOn.trim() } : {}),
          ...content,
        }
      : {
          requestId,
          seriesId: props.base.seriesId,
          baseVersion: props.base.version,
          reason: s.reason,
          ...content,
        };
  };
  // The form's own checks (amounts and days typed as text) read the rows as typed now.
  const latest = useRef(state);
  latest.current = state;
  const input = inputOf(state);
  // Each message goes away as soon as its field is fixed.
  const form = useFormSubmit(input);
  const { busy, errors, message } = form;
  const shownMessage = message ?? (Object.keys(errors).length ? FIX_MESSAGE : null);

  const submit = () =>
    form.submit(
      formChecker<unknown>(mode === 'publish' ? disclosureInputs.publish : disclosureInputs.correct, () =>
        contentOf(latest.current),
      ),
      input,
      async (data) => {
        // Published disclosures are never edited, only corrected with a reason: ask once.
        const ok = await confirmStep(
          mode === 'publish'
            ? {
                title: '确认发布',
                content: `《${state.title.trim()}》发布后全村可见，不能删除，只能更正（更正会留下记录）。`,
                confirmText: '确认发布',
              }
            : {
                title: '确认发布更正',
                content: '更正发布后，村民会看到新版本和更正原因，旧版本也会保留。',
                confirmText: '确认发布',
              },
        );
        if (!ok) return;
        const saved =
          mode === 'publish'
            ? await call('disclosure', 'publish', data as InputOf<'disclosure', 'publish'>)
            : await call('disclosure', 'correct', data as InputOf<'disclosure', 'correct'>);
        showToast({ title: mode === 'publish' ? '已发布' : '更正已发布', icon: 'success' });
        redirectTo({ url: `/pages/disclosure/index?seriesId=${saved.seriesId}` });
      },
      {},
      async (err) => {
        if (err.code === 'VERSION_CONFLICT' && props.mode === 'correct') {
          await Taro.showModal({
            title: '内容已变化',
            content: err.message,
            showCancel: false,
            confirmText: '重新载入',
          });
          props.onConflict();
          return;
        }
        form.showRefusal(err);
      },
    );

  return (
    <View id="disclosure-form" className={`form disclosure-form mode-${mode}`}>
      {mode === 'publish' ? (
        <View className="card">
          <Field label="公开类别" name="category" error={errors.category} required>
            <Chips
              idPrefix="form-category"
              options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
              value={state.category}
              onChange={(c) => setState((s) => withCategory(s, c))}
            />
          </Field>
        </View>
      ) : (
        <View className="card">
          <Text className="section-title">
            更正：{CATEGORY_LABELS[state.category]}（当前第{props.base.version}版）
          </Text>
          <Field
            label="更正原因"
            name="reason"
            error={errors.reason}
            hint="村民会看到这个原因，请写清楚改了什么、为什么改"
            required
          >
            <TextArea
              id="form-reason"
              className="textarea"
              value={state.reason}
              onChange={(v) => set({ reason: v })}
              placeholder="例如：3月管理费用中办公用品金额录入有误，更正为 560.00 元"
              maxLength={200}
              autoSize
            />
          </Field>
        </View>
      )}

      <View className="card">
        <Field
          label={`公开期间：${periodKeyOf(state) ? periodLabel(periodKeyOf(state)) : '未选择'}`}
          name="periodKey"
          error={errors.periodKey}
          hint={finance ? '财务公开按月进行' : '村务、党务至少每季度公开一次，也可按月'}
          required
        >
          <PeriodPicker
            monthOnly={finance}
            value={state}
            onChange={(p) => set({ ...p, ...(finance ? { periodMode: 'month' } : {}) })}
          />
        </Field>
        <Field label="标题" name="title" error={errors.title} required>
          <Input
            id="form-title"
            className="input"
            value={state.title}
            onChange={(v) => set({ title: v })}
            placeholder={finance ? '例如 东岭村10月财务公开' : '例如 东岭村三季度村务公开'}
            maxLength={60}
          />
        </Field>
        {mode === 'publish' ? (
          <View className="field field-major">
            <View className="setting-row plain">
              <View className="setting-text">
                <Text className="field-label">重大事项</Text>
                <Text className="field-hint">重大事项须在发生（决定）后立即公开</Text>
              </View>
              <Switch id="form-major" checked={state.major} onChange={(v) => set({ major: v })} />
            </View>
            {state.major ? (
              <Field label="发生（决定）日期" name="occurredOn" error={errors.occurredOn} required>
                <DateField
                  id="form-occurred"
                  title="发生（决定）日期"
                  value={state.occurredOn}
                  onChange={(v) => set({ occurredOn: v })}
                />
              </Field>
            ) : null}
          </View>
        ) : null}
        <Field
          label="正文"
          name="body"
          error={errors.body}
          hint={finance ? '可写说明、审核情况和反映问题的方式' : undefined}
        >
          <TextArea
            id="form-body"
            className="textarea"
            value={state.body}
            onChange={(v) => set({ body: v })}
            placeholder="公开的具体内容"
            maxLength={5000}
            autoSize
          />
        </Field>
      </View>

      {finance ? (
        <View className="card">
          <Text className="section-title">收支明细</Text>
          <ItemsPaste
            period={{ year: state.year, month: state.month }}
            rows={state.items}
            onApply={(items) => {
              set({ items });
              // Messages of the rows that were there before no longer point at the right row.
              form.dropErrors('items');
            }}
          />
          <ItemsEditor rows={state.items} onChange={(items) => set({ items })} errors={errors} />
        </View>
      ) : null}

      <View className="card">
        <Text className="section-title">附件（凭证、公示照片）</Text>
        <AttachmentsEditor
          villageId={villageId}
          value={state.attachments}
          onChange={(attachments) => set({ attachments })}
          error={errors.attachments}
        />
      </View>

      <FormError message={shownMessage} />
      <View className="actions">
        <Button id="publish-submit" type="primary" size="large" block loading={busy} onClick={submit}>
          {mode === 'publish' ? '发布公开' : '发布更正'}
        </Button>
      </View>
    </View>
  );
}
