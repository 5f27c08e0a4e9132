import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input } from '@nutui/nutui-react-taro';
import {
  assetsInputs,
  STOCKTAKE_RESULTS,
  STOCKTAKE_RESULT_LABELS,
  type StocktakeResult,
} from '@common/contracts/assets';
import type { Attachment } from '@common/contracts/disclosure';
import { call, newRequestId } from '@/services/api';
import { Attachments } from '@/features/shared/Attachments';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { chinaToday, dateLabel } from './format';

/** 账实相符: a 村监委 member checks each item of the register; earlier stocktakes below. */
export function StocktakeScreen({ villageId }: { villageId: string }) {
  const [requestId, setRequestId] = useState(newRequestId);
  const [on, setOn] = useState(chinaToday());
  const [results, setResults] = useState<Record<string, StocktakeResult>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [photos, setPhotos] = useState<Record<string, Attachment[]>>({});
  const register = useRequest(() => call('assets', 'register', { villageId }), [villageId]);
  const past = useRequest(() => call('assets', 'stocktakes', { villageId }), [villageId]);
  const { errors, message, busy, submit } = useFormSubmit();
  const items = (register.data?.items ?? []).filter((i) => i.status !== 'disposed');
  return (
    <View id="stocktake-screen">
      <View className="card" id="stocktake-form">
        <Text className="section-title">盘点登记簿（账实相符）</Text>
        <Field label="盘点日期" name="on" error={errors.on} required>
          <Input id="stocktake-date" className="input" value={on} onChange={setOn} maxLength={10} />
        </Field>
        {items.map((i) => (
          <View key={i.id} className="as-receivable" id={`check-${i.code}`}>
            <Text className="as-line">
              {i.code} {i.name}
            </Text>
            <Chips
              idPrefix={`check-${i.code}`}
              options={STOCKTAKE_RESULTS.map((r) => ({ value: r, label: STOCKTAKE_RESULT_LABELS[r] }))}
              value={results[i.id]}
              onChange={(r) => setResults((x) => ({ ...x, [i.id]: r }))}
            />
            {results[i.id] && results[i.id] !== 'present' ? (
              <Input
                id={`check-${i.code}-note`}
                className="input"
                value={notes[i.id] ?? ''}
                onChange={(v) => setNotes((x) => ({ ...x, [i.id]: v }))}
                placeholder="说明情况（将列入村监委台账，由村两委整改）"
                maxLength={200}
              />
            ) : null}
            {results[i.id] ? (
              <AttachmentsEditor
                villageId={villageId}
                value={photos[i.id] ?? []}
                onChange={(a) => setPhotos((x) => ({ ...x, [i.id]: a }))}
                idPrefix={`check-${i.code}-photo`}
              />
            ) : null}
          </View>
        ))}
        <FormError message={message ?? errors.checks} />
        <Button
          id="stocktake-submit"
          type="primary"
          block
          loading={busy}
          onClick={() =>
            submit(
              assetsInputs.recordStocktake,
              {
                requestId,
                villageId,
                on,
                checks: Object.entries(results).map(([itemId, result]) => ({
                  itemId,
                  result,
                  note: notes[itemId] ?? '',
                  photos: photos[itemId] ?? [],
                })),
              },
              async (data) => {
                await call('assets', 'recordStocktake', data);
                setResults({});
                setNotes({});
                setPhotos({});
                setRequestId(newRequestId());
                past.reload();
              },
              Object.keys(results).length ? {} : { checks: '请至少盘点一项' },
            )
          }
        >
          提交盘点结果
        </Button>
      </View>
      <RequestView state={past}>
        {(r) =>
          r.stocktakes.length === 0 ? (
            <EmptyState title="还没有盘点记录" />
          ) : (
            <View id="stocktake-list">
              {r.stocktakes.map((s) => (
                <View key={s.id} className="card">
                  <Text className="as-name">
                    {dateLabel(s.on)}盘点 · {s.by}
                  </Text>
                  <Text className={s.discrepancies ? 'as-warning' : 'as-line'}>
                    盘点 {s.checks.length} 项，{s.discrepancies ? `${s.discrepancies} 项不符` : '全部相符'}
                  </Text>
                  {s.fixDueOn ? (
                    <Text className="as-hint as-fix-due">
                      不符项已列入村监委台账，由村两委在{dateLabel(s.fixDueOn)}前整改
                    </Text>
                  ) : null}
                  {s.checks
                    .filter((c) => c.result !== 'present')
                    .map((c) => (
                      <Text key={c.itemId} className="as-line">
                        {c.itemName}：{STOCKTAKE_RESULT_LABELS[c.result]}
                        {c.note ? `（${c.note}）` : ''}
                      </Text>
                    ))}
                  <Attachments items={s.checks.flatMap((c) => c.photos)} />
                </View>
              ))}
            </View>
          )
        }
      </RequestView>
    </View>
  );
}
