import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import { PAYOUT_CATEGORIES, type PayoutCategory, type PayoutPreview } from '@common/contracts/payouts';
import { chinaMonthKey } from '@common/clock';
import { formatFen } from '@common/money';
import { addMonths } from '@common/periods';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { toApiError } from '@/features/shared/useRequest';
import { categoryLabel, listUrl, monthLabel, yuanLabel } from './format';

const CATEGORY_OPTIONS = PAYOUT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }));

/** One typed row, added to the text as a tab-separated line (the same path as a paste). */
function TypedRow({ onAdd }: { onAdd: (line: string) => void }) {
  const [name, setName] = useState('');
  const [household, setHousehold] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  return (
    <View className="card" id="payout-typed">
      <Text className="section-title">逐条录入</Text>
      <Field label="领取人姓名" name="typed-name">
        <Input id="typed-name" value={name} onChange={setName} placeholder="如 张桂兰" />
      </Field>
      <Field label="户主（名册中的姓名，本人是户主可不填）" name="typed-household">
        <Input id="typed-household" value={household} onChange={setHousehold} />
      </Field>
      <Field label="金额（元）" name="typed-amount">
        <Input id="typed-amount" type="digit" value={amount} onChange={setAmount} placeholder="如 650" />
      </Field>
      <Field label="备注" name="typed-note">
        <Input id="typed-note" value={note} onChange={setNote} />
      </Field>
      <Button
        id="typed-add"
        fill="outline"
        block
        disabled={!name.trim() || !amount.trim()}
        onClick={() => {
          onAdd([name.trim(), household.trim() || name.trim(), amount.trim(), note.trim()].join('\t'));
          setName('');
          setHousehold('');
          setAmount('');
          setNote('');
        }}
      >
        加入名单
      </Button>
    </View>
  );
}

function PreviewView({ p }: { p: PayoutPreview }) {
  return (
    <View className="card" id="payout-preview">
      <Text className="section-title">检查结果</Text>
      <Text className="po-line" id="payout-preview-summary">
        共 {p.rows.length} 行，{p.bad ? `${p.bad} 行需要修改` : '都可以公开'}
      </Text>
      <View className="po-row">
        <Text className="po-who">合计 {p.totals.count} 人</Text>
        <Text className="po-total">{yuanLabel(p.totals.amountFen)}</Text>
      </View>
      {p.rows
        .filter((r) => r.error)
        .map((r) => (
          <Text key={r.line} className="po-error payout-preview-error">
            {r.error}
          </Text>
        ))}
      {p.duplicates.map((d) => (
        <Text key={d.recipient} className="po-flag payout-preview-duplicate">
          {d.recipient} 在第 {d.lines.join('、')} 行重复出现，请核实是否重复发放
        </Text>
      ))}
    </View>
  );
}

/**
 * The cadre's editor: paste from Excel (姓名、户主、金额、备注) or type row by row, check on the
 * server (row errors in words, the same person twice flagged), then publish. With `seriesId`,
 * a correction: a new version with a reason; the published one stays as it was.
 */
export function EditScreen({ villageId, seriesId }: { villageId: string; seriesId?: string }) {
  const [requestId] = useState(newRequestId);
  const [category, setCategory] = useState<PayoutCategory>('subsistence');
  const [month, setMonth] = useState(() => addMonths(chinaMonthKey(new Date()), -1));
  const [basis, setBasis] = useState('');
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [base, setBase] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ text: string; p: PayoutPreview } | null>(null);
  const form = useFormSubmit();
  const { busy, message, say } = form;

  useEffect(() => {
    if (!seriesId) return;
    void call('disclosure', 'payoutList', { seriesId }).then(
      (d) => {
        setCategory(d.category);
        setMonth(d.periodKey);
        setBasis(d.basis);
        setBase(d.version);
        setText(
          d.rows
            .map((r) =>
              [r.recipient, r.household, formatFen(r.amountFen).replace(/,/g, ''), r.note].join('\t'),
            )
            .join('\n'),
        );
      },
      (e) => say(toApiError(e).message),
    );
  }, [seriesId, say]);

  const checked = preview && preview.text === text ? preview.p : null;
  const check = () =>
    form.run(async () => {
      setPreview({ text, p: await call('disclosure', 'payoutPreview', { villageId, text }) });
    });
  const publish = async () => {
    if (!checked) return;
    const rows = checked.rows.flatMap((r) =>
      r.row
        ? [
            {
              recipient: r.row.recipient,
              householdId: r.row.householdId,
              amountFen: r.row.amountFen,
              note: r.row.note,
            },
          ]
        : [],
    );
    await form.run(async () => {
      const d = seriesId
        ? await call('disclosure', 'payoutCorrect', {
            requestId,
            seriesId,
            baseVersion: base ?? 1,
            reason,
            basis,
            rows,
          })
        : await call('disclosure', 'payoutPublish', {
            requestId,
            villageId,
            category,
            periodKey: month,
            basis,
            rows,
          });
      await Taro.showToast({ title: seriesId ? '已发布更正' : '名单已公开', icon: 'none' });
      await Taro.redirectTo({ url: listUrl(d.seriesId) });
    });
  };

  return (
    <View id="payout-edit">
      <View className="card">
        <Text className="section-title">{seriesId ? '更正发放名单' : '公开惠民资金发放名单'}</Text>
        {seriesId ? (
          <Text className="po-line">
            {monthLabel(month)} {categoryLabel(category)}（已公开的名单保留，更正作为新版本公开）
          </Text>
        ) : (
          <>
            <Field label="资金类别" name="category" required>
              <Chips
                idPrefix="payout-cat"
                options={CATEGORY_OPTIONS}
                value={category}
                onChange={setCategory}
              />
            </Field>
            <Field label="发放月份" name="month" required hint="随当月财务公开一起公开">
              <View className="po-actions">
                <Text className="chip tap" id="month-prev" onClick={() => setMonth(addMonths(month, -1))}>
                  上个月
                </Text>
                <Text className="po-line" id="payout-month">
                  {monthLabel(month)}
                </Text>
                <Text className="chip tap" id="month-next" onClick={() => setMonth(addMonths(month, 1))}>
                  下个月
                </Text>
              </View>
            </Field>
          </>
        )}
        <Field label="发放依据（政策文件或决议）" name="basis" required>
          <Input id="payout-basis" value={basis} onChange={setBasis} placeholder="如 县民政局低保审批表" />
        </Field>
        {seriesId ? (
          <Field label="更正原因" name="reason" required>
            <Input id="payout-reason" value={reason} onChange={setReason} />
          </Field>
        ) : null}
        <Field
          label="名单"
          name="text"
          hint="从 Excel 或 WPS 复制四列（姓名、户主、金额（元）、备注）粘贴到这里；不要填身份证号和手机号。"
        >
          <TextArea id="payout-text" value={text} onChange={setText} rows={8} maxLength={200_000} />
        </Field>
      </View>
      <TypedRow onAdd={(line) => setText((t) => (t.trim() ? `${t.replace(/\n+$/, '')}\n${line}` : line))} />
      {checked ? <PreviewView p={checked} /> : null}
      <FormError message={message} />
      <View className="po-actions">
        <Button
          id="payout-check"
          type="primary"
          fill="outline"
          disabled={!text.trim()}
          onClick={() => void check()}
        >
          检查名单
        </Button>
        <Button
          id="payout-publish"
          type="primary"
          loading={busy}
          disabled={!checked || checked.bad > 0 || checked.good === 0}
          onClick={() => void publish()}
        >
          {seriesId ? '发布更正' : '公开名单'}
        </Button>
      </View>
    </View>
  );
}
