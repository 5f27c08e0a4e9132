import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  assetsInputs,
  CHANGE_KIND_LABELS,
  ITEM_STATUSES,
  ITEM_STATUS_LABELS,
  parseMu,
  type ItemStatus,
  type RegisterItem,
} from '@common/contracts/assets';
import type { Attachment } from '@common/contracts/disclosure';
import { parseYuan } from '@common/money';
import { call, newRequestId } from '@/services/api';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { confirmStep } from '@/features/shared/confirm';
import { DateField } from '@/features/shared/DateField';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { usePassedDecisions } from './decisionOptions';
import { chinaToday, dateLabel, muLabel, yuanLabel } from './format';

type Kind = 'dispose' | 'revalue' | 'changeUse' | 'resize';

/**
 * A cadre records a change of an item (处置、价值调整、用途变更、面积更正): a new entry with its
 * reason, a decision where one is required, and photos. Entries are never edited.
 */
export function ChangeForm({
  item,
  villageId,
  onDone,
}: {
  item: RegisterItem;
  villageId: string;
  onDone: () => void;
}) {
  const [requestId, setRequestId] = useState(newRequestId);
  const kinds: Kind[] =
    item.kind === 'resources'
      ? ['changeUse', 'resize', 'revalue', 'dispose']
      : ['changeUse', 'revalue', 'dispose'];
  const [kind, setKind] = useState<Kind | undefined>();
  const [on, setOn] = useState(chinaToday());
  const [reason, setReason] = useState('');
  const [value, setValue] = useState('');
  const [area, setArea] = useState('');
  const [status, setStatus] = useState<ItemStatus | undefined>();
  const [decisionId, setDecisionId] = useState<string | undefined>();
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const decisions = usePassedDecisions();
  const { errors, message, busy, submit } = useFormSubmit();
  const label = (k: Kind) => (k === 'revalue' && item.kind === 'funds' ? '余额更正' : CHANGE_KIND_LABELS[k]);
  const after = (): string => {
    if (kind === 'dispose') return `“${item.name}”登记为已处置，此后不能再变动或出租`;
    if (kind === 'revalue')
      return `价值由 ${yuanLabel(item.valueFen)} 改为 ${yuanLabel(parseYuan(value) ?? 0)}`;
    if (kind === 'resize')
      return `面积由 ${muLabel(item.areaHundredths)} 改为 ${muLabel(parseMu(area) ?? 0)}`;
    return `状态由“${ITEM_STATUS_LABELS[item.status]}”改为“${status ? ITEM_STATUS_LABELS[status] : ''}”`;
  };
  return (
    <View className="card" id="change-form">
      <Text className="section-title">登记变动</Text>
      <Text className="as-hint">登记簿不能直接修改：每一次变动都留下一条记录，写明原因。</Text>
      <Field label="变动类别" name="kind" error={errors.kind} required>
        <Chips
          idPrefix="change-kind"
          options={kinds.map((k) => ({ value: k, label: label(k) }))}
          value={kind}
          onChange={setKind}
        />
      </Field>
      <Field label="变动日期" name="on" error={errors.on} required>
        <DateField id="change-on" value={on} onChange={setOn} startYear={2000} />
      </Field>
      {kind === 'revalue' ? (
        <Field label="变动后的价值（元）" name="valueFen" error={errors.valueFen} required>
          <Input id="change-value" className="input" type="digit" value={value} onChange={setValue} />
        </Field>
      ) : null}
      {kind === 'resize' ? (
        <Field
          label="更正后的面积（亩，最多两位小数）"
          name="areaHundredths"
          error={errors.areaHundredths}
          required
        >
          <Input id="change-area" className="input" type="digit" value={area} onChange={setArea} />
        </Field>
      ) : null}
      {kind === 'changeUse' ? (
        <Field label="变动后的状态" name="status" error={errors.status} required>
          <Chips
            idPrefix="change-status"
            options={ITEM_STATUSES.filter((s) => s !== 'disposed' && s !== item.status).map((s) => ({
              value: s,
              label: ITEM_STATUS_LABELS[s],
            }))}
            value={status}
            onChange={setStatus}
          />
        </Field>
      ) : null}
      <Field label="原因" name="reason" error={errors.reason} required>
        <Input
          id="change-reason"
          className="input"
          value={reason}
          onChange={setReason}
          maxLength={200}
          placeholder="例如 经评估重新核定价值"
        />
      </Field>
      <Field
        label={kind === 'dispose' ? '依据的决策（处置必选）' : '依据的决策（如有）'}
        name="decisionId"
        error={errors.decisionId}
        required={kind === 'dispose'}
      >
        {decisions.length ? (
          <Chips
            idPrefix="change-decision"
            options={decisions}
            value={decisionId}
            onChange={(v) => setDecisionId(v === decisionId ? undefined : v)}
          />
        ) : (
          <Text className="as-hint">本村还没有已通过的决策事项</Text>
        )}
      </Field>
      <Field label="照片" name="photos" error={errors.photos}>
        <AttachmentsEditor
          villageId={villageId}
          value={photos}
          onChange={setPhotos}
          idPrefix="change-photo"
        />
      </Field>
      <FormError message={message} />
      <Button
        id="change-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            assetsInputs.recordChange,
            {
              requestId,
              itemId: item.id,
              kind,
              on,
              reason,
              ...(decisionId ? { decisionId } : {}),
              ...(kind === 'revalue' ? { valueFen: parseYuan(value) ?? undefined } : {}),
              ...(kind === 'resize' ? { areaHundredths: parseMu(area) ?? undefined } : {}),
              ...(kind === 'changeUse' ? { status } : {}),
              photos,
            },
            async (data) => {
              const sure = await confirmStep({
                title: '确认登记变动',
                content: `${dateLabel(on)}：${after()}。登记后不能修改或删除。`,
                confirmText: '确认登记',
              });
              if (!sure) return;
              await call('assets', 'recordChange', data);
              setRequestId(newRequestId());
              setKind(undefined);
              setReason('');
              setPhotos([]);
              onDone();
            },
            {
              ...(kind ? {} : { kind: '请选择变动类别' }),
              ...(kind === 'revalue' && parseYuan(value) === null
                ? { valueFen: '请填写金额，最多两位小数' }
                : {}),
              ...(kind === 'resize' && parseMu(area) === null
                ? { areaHundredths: '请填写面积，例如 12.5' }
                : {}),
              ...(kind === 'changeUse' && !status ? { status: '请选择变动后的状态' } : {}),
              ...(kind === 'dispose' && !decisionId ? { decisionId: '处置须选择已通过的决策事项' } : {}),
            },
          )
        }
      >
        登记变动
      </Button>
    </View>
  );
}
