import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import {
  decisionsInputs,
  DECISION_CATEGORIES,
  DECISION_CATEGORY_LABELS,
  MEETING_KIND_LABELS,
  RESOLUTION_BODIES,
  type DecisionCategory,
  type ResolutionBody,
} from '@common/contracts/decisions';
import { call, newRequestId } from '@/services/api';
import { FormError, useFormSubmit } from '@/features/shared/forms';
import { chinaToday, DECISION_URL } from './format';
import { ChoiceField, DateInput, TextField } from './fields';

/** 党组织提议: a cadre registers a major matter, which opens its 四议两公开 steps. */
export function ProposeScreen({ villageId }: { villageId: string }) {
  const [requestId] = useState(newRequestId);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [proposer, setProposer] = useState('村党支部');
  const [proposedOn, setProposedOn] = useState(chinaToday());
  const [plannedCompletion, setPlanned] = useState('');
  const [category, setCategory] = useState<DecisionCategory | undefined>();
  const [body, setBody] = useState<ResolutionBody>('representatives');
  const { errors, message, busy, submit } = useFormSubmit();
  return (
    <View className="card" id="propose-form">
      <Text className="section-title">党组织提议</Text>
      <TextField
        id="propose-title"
        name="title"
        label="事项名称"
        value={title}
        onChange={setTitle}
        error={errors.title}
        placeholder="例如 村集体耕地流转"
        maxLength={60}
        required
      />
      <ChoiceField
        idPrefix="category"
        name="category"
        label="事项类别"
        values={DECISION_CATEGORIES}
        labels={DECISION_CATEGORY_LABELS}
        value={category}
        onChange={setCategory}
        error={errors.category}
        required
      />
      <TextField
        id="propose-summary"
        name="summary"
        label="事项内容"
        kind="lines"
        value={summary}
        onChange={setSummary}
        error={errors.summary}
        maxLength={2000}
      />
      <TextField
        id="propose-proposer"
        name="proposer"
        label="提议的党组织"
        value={proposer}
        onChange={setProposer}
        error={errors.proposer}
        maxLength={30}
        required
      />
      <DateInput
        id="propose-date"
        name="proposedOn"
        label="提议日期"
        value={proposedOn}
        onChange={setProposedOn}
        error={errors.proposedOn}
        required
      />
      <ChoiceField
        idPrefix="body"
        name="resolutionBody"
        label="决议机构"
        values={RESOLUTION_BODIES}
        labels={MEETING_KIND_LABELS}
        value={body}
        onChange={setBody}
        error={errors.resolutionBody}
        required
      />
      <DateInput
        id="propose-planned"
        name="plannedCompletion"
        label="计划完成日期"
        value={plannedCompletion}
        onChange={setPlanned}
        error={errors.plannedCompletion}
        hint="填写后，到期未公开实施结果将提示逾期"
        placeholder="点此选择（可不填）"
        endYear={Number(chinaToday().slice(0, 4)) + 5}
      />
      <FormError message={message} />
      <Button
        id="propose-submit"
        type="primary"
        block
        loading={busy}
        onClick={() =>
          submit(
            decisionsInputs.propose,
            {
              requestId,
              villageId,
              title,
              category,
              summary,
              proposer,
              proposedOn,
              resolutionBody: body,
              ...(plannedCompletion ? { plannedCompletion } : {}),
            },
            async (data) => {
              const d = await call('decisions', 'propose', data);
              await Taro.redirectTo({ url: DECISION_URL(d.id) });
            },
            category ? {} : { category: '请选择事项类别' },
          )
        }
      >
        登记提议
      </Button>
    </View>
  );
}
