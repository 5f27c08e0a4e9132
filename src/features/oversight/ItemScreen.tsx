import { View, Text } from '@tarojs/components';
import type { ItemDetail } from '@common/contracts/oversight';
import { call } from '@/services/api';
import { RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { Attachments } from '@/features/shared/Attachments';
import { ItemActions } from './ItemActions';
import { StateBadge } from './ItemRow';
import { dueText, QUESTION_CATEGORY_LABELS, stepTitle, timeText } from './labels';

const images = (photos: ItemDetail['photos']) => photos.map((p) => ({ ...p, kind: 'image' as const }));

function Steps({ d }: { d: ItemDetail }) {
  return (
    <View className="card">
      <Text className="section-title">办理过程</Text>
      <View className="ov-steps" id="item-steps">
        {d.steps.map((s) => (
          <View key={s.seq} className={`ov-step ov-step-${s.kind}`}>
            <Text className="ov-step-title">{stepTitle(s)}</Text>
            <Text className="ov-meta">
              {timeText(s.at)} · {s.actor}
            </Text>
            {s.kind !== 'raised' && s.text ? <Text className="ov-item-text">{s.text}</Text> : null}
            {s.kind !== 'raised' && s.photos.length ? <Attachments items={images(s.photos)} /> : null}
          </View>
        ))}
      </View>
    </View>
  );
}

/** One question with every step, and what the viewer may do next. */
export function ItemScreen({ id }: { id: string }) {
  const item = useRequest(() => call('oversight', 'get', { itemId: id }), [id]);
  return (
    <RequestView state={item}>
      {(d) => (
        <View className="ov-detail" id="item-detail">
          <View className="card ov-item">
            <View className="card-meta">
              <Text className="badge">{QUESTION_CATEGORY_LABELS[d.category]}</Text>
              <StateBadge state={d.state} overdue={d.overdue} />
            </View>
            <Text className="ov-meta" id="item-subject">
              {d.villageName} · {d.subjectLabel}
            </Text>
            <Text className="ov-item-text" id="item-text" userSelect>
              {d.text}
            </Text>
            <Text className="ov-meta" id="item-reporter">
              反映人：{d.reporterName}
            </Text>
            {d.assigneeName ? <Text className="ov-meta">办理人：{d.assigneeName}</Text> : null}
            {d.dueAt ? (
              <Text className="ov-meta" id="item-due">
                {dueText(d.state, d.dueAt, d.overdue)}
              </Text>
            ) : null}
          </View>
          {d.photos.length ? <Attachments items={images(d.photos)} /> : null}
          <Steps d={d} />
          <ItemActions d={d} done={item.reload} />
        </View>
      )}
    </RequestView>
  );
}
