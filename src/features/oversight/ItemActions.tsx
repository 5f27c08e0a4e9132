import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Attachment } from '@common/contracts/disclosure';
import {
  oversightInputs,
  RATINGS,
  RATING_LABELS,
  type ItemDetail,
  type Rating,
} from '@common/contracts/oversight';
import { call } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit, type Checker } from '@/features/shared/forms';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';

type Done = () => void;

function Box({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <View className="card ov-action" id={id}>
      <Text className="section-title">{title}</Text>
      {children}
    </View>
  );
}

function Area({
  id,
  value,
  onInput,
  placeholder,
}: {
  id: string;
  value: string;
  onInput: (s: string) => void;
  placeholder?: string;
}) {
  return (
    <Textarea
      id={id}
      className="ov-textarea"
      value={value}
      maxlength={1000}
      placeholder={placeholder}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}

const toast = (title: string) => Taro.showToast({ title, icon: 'success' });

/** Once an action is sent: says so, then the item reloads. */
async function settle(sent: Promise<unknown>, message: string, done: Done) {
  await sent;
  await toast(message);
  done();
}

/** The one wide button that sends a box's form. */
function SubmitButton({
  id,
  busy,
  onClick,
  children,
}: {
  id: string;
  busy: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <Button id={id} type="primary" block loading={busy} onClick={onClick}>
      {children}
    </Button>
  );
}

/** 村监委: 受理 (with the cadre who should answer) or 转交. */
function AcceptBox({ d, done }: { d: ItemDetail; done: Done }) {
  const [assignee, setAssignee] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const options = (d.cadres ?? []).map((c) => ({ value: c.id, label: c.name }));
  return (
    <Box id="action-accept" title="受理">
      {options.length ? (
        <Field label="办理人（村干部）" name="assigneeId" error={form.errors.assigneeId}>
          <Chips options={options} value={assignee} onChange={setAssignee} idPrefix="accept-assignee" />
        </Field>
      ) : null}
      <Field label="受理意见或转交说明" name="note" error={form.errors.note}>
        <Area id="accept-note" value={note} onInput={setNote} />
      </Field>
      <FormError message={form.message} />
      <View className="actions">
        <Button
          id="accept-submit"
          type="primary"
          loading={form.busy}
          onClick={() =>
            void form.submit(
              oversightInputs.accept,
              { itemId: d.id, note, ...(assignee ? { assigneeId: assignee } : {}) },
              (i) => settle(call('oversight', 'accept', i), '已受理', done),
            )
          }
        >
          受理
        </Button>
        {d.can.refer ? (
          <Button
            id="refer-submit"
            fill="outline"
            loading={form.busy}
            onClick={() =>
              void form.submit(oversightInputs.refer, { itemId: d.id, note }, (i) =>
                settle(call('oversight', 'refer', i), '已转交', done),
              )
            }
          >
            不属本村职责，转交
          </Button>
        ) : null}
      </View>
    </Box>
  );
}

/** 村干部: 答复 with text and pictures. */
function AnswerBox({ d, done }: { d: ItemDetail; done: Done }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const form = useFormSubmit();
  return (
    <Box id="action-answer" title="答复">
      <Field label="答复内容" name="text" required error={form.errors.text}>
        <Area id="answer-text" value={text} onInput={setText} placeholder="说明情况、依据和处理结果" />
      </Field>
      <Field label="附件（可不传）" name="photos" error={form.errors.photos}>
        <AttachmentsEditor villageId={d.villageId} value={photos} onChange={setPhotos} />
      </Field>
      <FormError message={form.message} />
      <SubmitButton
        id="answer-submit"
        busy={form.busy}
        onClick={() =>
          void form.submit(
            oversightInputs.answer,
            { itemId: d.id, text, photos: photos.map((p) => ({ fileId: p.fileId, name: p.name })) },
            (i) => settle(call('oversight', 'answer', i), '已答复', done),
          )
        }
      >
        提交答复
      </SubmitButton>
    </Box>
  );
}

/** 村监委: 核实 the answer. */
function VerifyBox({ d, done }: { d: ItemDetail; done: Done }) {
  const [note, setNote] = useState('');
  const form = useFormSubmit();
  const go = (outcome: 'pass' | 'return') =>
    void form.submit(oversightInputs.verify, { itemId: d.id, outcome, note }, (i) =>
      settle(call('oversight', 'verify', i), outcome === 'pass' ? '已核实' : '已退回', done),
    );
  return (
    <Box id="action-verify" title="核实答复">
      <Field label="核实意见" name="note" error={form.errors.note}>
        <Area id="verify-note" value={note} onInput={setNote} />
      </Field>
      <FormError message={form.message} />
      <View className="actions">
        <Button id="verify-pass" type="primary" loading={form.busy} onClick={() => go('pass')}>
          核实通过，请反映人评价
        </Button>
        <Button id="verify-return" fill="outline" loading={form.busy} onClick={() => go('return')}>
          退回重新办理
        </Button>
      </View>
    </Box>
  );
}

const RATING_OPTIONS = RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }));

/** 反映人: 评价 (once). */
function RateBox({ d, done }: { d: ItemDetail; done: Done }) {
  const [rating, setRating] = useState<Rating | undefined>(undefined);
  const [comment, setComment] = useState('');
  const form = useFormSubmit();
  return (
    <Box id="action-rate" title="对答复进行评价（只能评价一次）">
      <Field label="您对答复是否满意" name="rating" required error={form.errors.rating}>
        <Chips options={RATING_OPTIONS} value={rating} onChange={setRating} idPrefix="rate" />
      </Field>
      <Field
        label="说明（可不填）"
        name="comment"
        hint="选择不满意，问题会升级到镇纪委"
        error={form.errors.comment}
      >
        <Area id="rate-comment" value={comment} onInput={setComment} />
      </Field>
      <FormError message={form.message} />
      <SubmitButton
        id="rate-submit"
        busy={form.busy}
        onClick={() =>
          void form.submit(
            oversightInputs.rate,
            { itemId: d.id, rating, comment },
            (i) => settle(call('oversight', 'rate', i), '已评价', done),
            { rating: '请选择满意、基本满意或不满意' },
          )
        }
      >
        提交评价
      </SubmitButton>
    </Box>
  );
}

/** One text and one button: 异议, 督办, 办结. */
function TextBox({
  d,
  done,
  kind,
  title,
  label,
  button,
}: {
  d: ItemDetail;
  done: Done;
  kind: 'object' | 'instruct' | 'close';
  title: string;
  label: string;
  button: string;
}) {
  const [text, setText] = useState('');
  const form = useFormSubmit();
  const field = kind === 'close' ? 'conclusion' : 'text';
  return (
    <Box id={`action-${kind}`} title={title}>
      <Field label={label} name={field} required error={form.errors[field]}>
        <Area id={`${kind}-text`} value={text} onInput={setText} />
      </Field>
      <FormError message={form.message} />
      <SubmitButton
        id={`${kind}-submit`}
        busy={form.busy}
        onClick={() =>
          void form.submit(oversightInputs[kind] as Checker<unknown>, { itemId: d.id, [field]: text }, (i) =>
            settle(call('oversight', kind, i as never), '已提交', done),
          )
        }
      >
        {button}
      </SubmitButton>
    </Box>
  );
}

function TakeOverBox({ d, done }: { d: ItemDetail; done: Done }) {
  const form = useFormSubmit();
  return (
    <View className="actions">
      <FormError message={form.message} />
      <Button
        id="takeover-submit"
        fill="outline"
        block
        loading={form.busy}
        onClick={() =>
          void form.submit(oversightInputs.takeOver, { itemId: d.id }, (i) =>
            settle(call('oversight', 'takeOver', i), '已接办', done),
          )
        }
      >
        由镇纪委直接办理
      </Button>
    </View>
  );
}

/** The buttons the server says this person may use now. */
export function ItemActions({ d, done }: { d: ItemDetail; done: Done }) {
  return (
    <View className="ov-actions">
      {d.can.accept ? <AcceptBox d={d} done={done} /> : null}
      {d.can.answer ? <AnswerBox d={d} done={done} /> : null}
      {d.can.verify ? <VerifyBox d={d} done={done} /> : null}
      {d.can.rate ? <RateBox d={d} done={done} /> : null}
      {d.can.object ? (
        <TextBox
          d={d}
          done={done}
          kind="object"
          title="提出异议（只能提一次）"
          label="异议理由"
          button="提出异议，升级到镇纪委"
        />
      ) : null}
      {d.can.instruct ? (
        <TextBox d={d} done={done} kind="instruct" title="督办" label="督办意见" button="发出督办意见" />
      ) : null}
      {d.can.takeOver ? <TakeOverBox d={d} done={done} /> : null}
      {d.can.close ? (
        <TextBox d={d} done={done} kind="close" title="办结" label="办结结论（将告知反映人）" button="办结" />
      ) : null}
    </View>
  );
}
