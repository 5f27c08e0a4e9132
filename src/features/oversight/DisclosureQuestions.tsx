import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { call } from '@/services/api';
import { useRequest } from '@/features/shared/useRequest';
import { dayText, raiseUrl } from './labels';

/**
 * Under a disclosure: how many questions it has, the answers reporters allowed to be public,
 * and 我要反映 (the finance text itself asks villagers to raise questions within 15 days).
 */
export function DisclosureQuestions({
  seriesId,
  version,
  canRaise,
}: {
  seriesId: string;
  version: number;
  canRaise: boolean;
}) {
  const about = useRequest(() => call('oversight', 'aboutDisclosure', { seriesId }), [seriesId]);
  const d = about.data;
  return (
    <View className="card" id="disclosure-questions">
      <Text className="section-title">群众反映</Text>
      {d ? (
        <Text className="ov-meta" id="questions-count">
          {d.count ? `已有 ${d.count} 个问题反映，其中 ${d.open} 个正在办理` : '还没有人对这条公开提出问题'}
        </Text>
      ) : null}
      {d?.answers.map((a) => (
        <View key={a.id} className="ov-answer" id={`public-answer-${a.id}`}>
          <Text className="ov-meta">
            {a.itemIndex !== null ? `第 ${a.itemIndex + 1} 条明细 · ` : ''}问：{a.question}
          </Text>
          <Text className="ov-item-text">答：{a.answer}</Text>
          <Text className="ov-meta">{dayText(a.answeredAt)}</Text>
        </View>
      ))}
      {canRaise ? (
        <Button
          id="disclosure-raise"
          type="primary"
          fill="outline"
          block
          onClick={() => void Taro.navigateTo({ url: raiseUrl({ seriesId, version }) })}
        >
          对这条公开有疑问？我要反映
        </Button>
      ) : null}
    </View>
  );
}
