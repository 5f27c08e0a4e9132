import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { OverrideReason, type SheetView } from '@common/contracts/assessment';
import { call } from '@/services/api';
import { confirmStep } from '@/features/shared/confirm';
import { ChoiceField } from '@/features/shared/fields';
import { Field } from '@/features/shared/forms';

/**
 * The town's 定级 of a sheet whose every item has a score: the tier the score gives is
 * preselected; another tier (never above the score nor despite a veto: the server decides) needs
 * a reason under the same rule as the server's. The server's refusal shows through `run`.
 */
export function ConfirmTier({
  view,
  busy,
  run,
}: {
  view: SheetView;
  busy: boolean;
  run: (fn: () => Promise<SheetView>, done?: string) => Promise<boolean>;
}) {
  const computed = view.computedTier;
  const [tier, setTier] = useState<string | undefined>(computed.key ?? undefined);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [comment, setComment] = useState('');
  const differs = tier !== undefined && tier !== computed.key;
  const chosen = view.tiers.find((t) => t.key === tier)?.label ?? computed.label;
  const labels = Object.fromEntries(
    view.tiers.map((t) => [t.key, `${t.label}（${t.minScore} 分起）`]),
  ) as Record<string, string>;

  const onConfirm = async () => {
    if (differs) {
      // The contract's own rule, said here before anything is sent.
      const problem =
        reason.trim() === ''
          ? '请填写为什么与按评分的结果不同'
          : OverrideReason.safeParse(reason).error?.issues[0]?.message;
      if (problem) {
        setReasonError(problem);
        return;
      }
    }
    // A confirmed tier is final for the year: ask once before it is set.
    const ok = await confirmStep({
      title: '确认定级',
      content:
        `将${view.village.name}${view.year}年定为${chosen}（总分 ${view.totals.total} 分` +
        `${differs ? `，按评分为${computed.label}` : ''}）。定级后不能撤回，确定吗？`,
      confirmText: '确认定级',
    });
    if (!ok) return;
    await run(
      () =>
        call('assessment', 'confirm', {
          villageId: view.village.id,
          year: view.year,
          comment,
          ...(differs ? { tier, reason: reason.trim() } : {}),
        }),
      '已定级',
    );
  };

  return (
    <View id="confirm-tier">
      <Text className="field-hint">
        总分 {view.totals.total} 分，按评分定为 {computed.label}。
      </Text>
      {view.tiers.length ? (
        <ChoiceField
          idPrefix="tier"
          name="tier"
          label="定级"
          values={view.tiers.map((t) => t.key)}
          labels={labels}
          value={tier}
          onChange={(t) => {
            setTier(t);
            setReasonError(undefined);
          }}
        />
      ) : null}
      {differs ? (
        <Field
          name="reason"
          label="改定理由"
          required
          hint={`按评分为${computed.label}，改定为${chosen}需写明理由`}
          error={reasonError}
        >
          <TextArea
            id="confirm-reason"
            value={reason}
            onChange={(t) => {
              setReason(t);
              setReasonError(undefined);
            }}
            placeholder="说明为什么与按评分的结果不同"
            maxLength={200}
          />
        </Field>
      ) : null}
      <TextArea
        id="confirm-comment"
        value={comment}
        onChange={setComment}
        placeholder="初审意见（选填）"
        maxLength={500}
      />
      <Button id="sheet-confirm" type="primary" block loading={busy} onClick={onConfirm}>
        确认定为{chosen}
      </Button>
    </View>
  );
}
