import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { Attachment } from '@common/contracts/disclosure';
import {
  oversightInputs,
  QUESTION_CATEGORIES,
  QUESTION_CATEGORY_LABELS,
  type QuestionCategory,
  type Subject,
} from '@common/contracts/oversight';
import { call, newRequestId } from '@/services/api';
import { Chips, Field, FormError, useFormSubmit } from '@/features/shared/forms';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useMe } from '@/features/account/session';
import { AttachmentsEditor } from '@/features/shared/AttachmentsEditor';
import { itemUrl } from './labels';
import { showToast } from '../shared/nav';

const CATEGORY_OPTIONS = QUESTION_CATEGORIES.map((c) => ({ value: c, label: QUESTION_CATEGORY_LABELS[c] }));
const NAME_OPTIONS = [
  { value: 'show', label: '可以让村干部看到我的姓名' },
  { value: 'hide', label: '不让村干部看到我的姓名' },
] as const;
const PUBLIC_OPTIONS = [
  { value: 'yes', label: '问题和答复可以公开' },
  { value: 'no', label: '不公开' },
] as const;

const SUBJECT_KIND_LABELS = {
  notice: '通知公告',
  report: '村情月报',
  decision: '村级决策',
  payout: '惠民资金发放名单',
} as const;

/**
 * What the question is about: read from the disclosure the person came from; for a notice, a
 * monthly report or a decision, the title that page showed (the server keeps its own).
 */
function SubjectCard({ subject, title }: { subject: Subject; title?: string }) {
  const enabled = subject.kind === 'disclosure';
  const d = useRequest(
    () =>
      subject.kind === 'disclosure'
        ? call('disclosure', 'get', { seriesId: subject.seriesId, version: subject.version })
        : Promise.reject(new Error('no subject')),
    [JSON.stringify(subject)],
    { enabled },
  );
  if (subject.kind === 'general') return null;
  if (subject.kind !== 'disclosure')
    return (
      <View className="card" id="raise-subject">
        <Text className="section-title">反映的事项</Text>
        <View className="ov-item">
          <Text className="ov-meta">{SUBJECT_KIND_LABELS[subject.kind]}</Text>
          {title ? <Text className="ov-item-text">{title}</Text> : null}
        </View>
      </View>
    );
  return (
    <View className="card" id="raise-subject">
      <Text className="section-title">反映的事项</Text>
      <RequestView state={d}>
        {(x) => {
          const line =
            subject.kind === 'disclosure' && subject.itemIndex !== undefined
              ? x.items[subject.itemIndex]
              : undefined;
          return (
            <View className="ov-item">
              <Text className="ov-item-text">{x.title}</Text>
              {line ? (
                <Text className="ov-meta" id="raise-subject-line">
                  第 {(subject.kind === 'disclosure' ? (subject.itemIndex ?? 0) : 0) + 1} 条明细：
                  {line.direction === 'income' ? '收入' : '支出'} · {line.category}
                  {line.note ? ` · ${line.note}` : ''}
                </Text>
              ) : null}
            </View>
          );
        }}
      </RequestView>
    </View>
  );
}

/** 我要反映: category, what happened, pictures, and whether the village may see the name. */
export function RaiseScreen({ subject, title }: { subject: Subject; title?: string }) {
  const me = useMe();
  const villageId = me.data?.binding?.villageId ?? '';
  const [category, setCategory] = useState<QuestionCategory | undefined>(
    subject.kind === 'disclosure' ? 'finance' : undefined,
  );
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [name, setName] = useState<'show' | 'hide' | undefined>(undefined);
  const [open, setOpen] = useState<'yes' | 'no'>('yes');
  const requestId = useRef(newRequestId());
  const form = useFormSubmit();

  const send = () =>
    form.submit(
      oversightInputs.raise,
      {
        requestId: requestId.current,
        category,
        text,
        photos: photos.map((p) => ({ fileId: p.fileId, name: p.name })),
        subject,
        showName: name === undefined ? undefined : name === 'show',
        allowPublic: open === 'yes',
      },
      async (input) => {
        const r = await call('oversight', 'raise', input);
        showToast({ title: '已提交', icon: 'success' });
        await Taro.redirectTo({ url: itemUrl(r.id) });
      },
      { category: '请选择问题类别', showName: '请选择是否让村干部看到您的姓名' },
    );

  return (
    <View className="form" id="raise-form">
      <SubjectCard subject={subject} title={title} />
      <View className="card">
        <Field label="问题类别" name="category" required error={form.errors.category}>
          <Chips
            options={CATEGORY_OPTIONS}
            value={category}
            onChange={setCategory}
            idPrefix="raise-category"
          />
        </Field>
        <Field
          label="反映内容"
          name="text"
          required
          hint="说清楚什么事、什么时候、在哪里，5 到 500 个字"
          error={form.errors.text}
        >
          <Textarea
            id="raise-text"
            className="ov-textarea"
            value={text}
            maxlength={500}
            placeholder="例如：三月份道路保洁支出比去年多了一倍，是什么原因？"
            onInput={(e) => setText(e.detail.value)}
          />
        </Field>
        <Field label="照片（可不传）" name="photos" error={form.errors.photos}>
          {villageId ? <AttachmentsEditor villageId={villageId} value={photos} onChange={setPhotos} /> : null}
        </Field>
        <Field
          label="姓名是否让村干部看到"
          name="showName"
          required
          hint="村监委和镇纪委始终能看到您的姓名，以便联系核实"
          error={form.errors.showName}
        >
          <Chips options={NAME_OPTIONS} value={name} onChange={setName} idPrefix="raise-name" />
        </Field>
        <Field label="是否公开" name="allowPublic" hint="公开后，其他村民可以在这条公开下看到问题和答复">
          <Chips options={PUBLIC_OPTIONS} value={open} onChange={setOpen} idPrefix="raise-public" />
        </Field>
      </View>
      <FormError message={form.message} />
      <View className="actions">
        <Button id="raise-submit" type="primary" block loading={form.busy} onClick={() => void send()}>
          提交反映
        </Button>
      </View>
    </View>
  );
}
