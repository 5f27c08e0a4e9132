import '@/features/report/report.scss';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatChinaDateTime } from '@common/clock';
import { SUBSCRIBE_TEMPLATES } from '@common/contracts/report';
import { getPersona } from '@/services/api';
import { Screen } from '@/features/shared/Screen';
import { EmptyState, RequestView } from '@/features/shared/StateViews';
import { useRequest } from '@/features/shared/useRequest';
import { useReloadOnShow } from '@/features/shared/useReloadOnShow';

interface OutboxMessage {
  seq: number;
  at: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

const TITLES = Object.fromEntries(Object.values(SUBSCRIBE_TEMPLATES).map((t) => [t.id, t.title]));

/**
 * The local demo's stand-in for WeChat's 服务通知: the subscribe messages the local runtime
 * "sent" to the current persona. In WeChat the messages arrive in the chat list instead.
 */
async function loadOutbox(): Promise<OutboxMessage[]> {
  if (process.env.TARO_ENV === 'weapp') return [];
  const res = await Taro.request<{ ok: boolean; data: { messages: OutboxMessage[] } }>({
    url: '/api/dev/outbox',
    header: { 'x-persona': getPersona() },
  });
  return res.data.ok ? res.data.data.messages : [];
}

export default function OutboxPage() {
  const box = useRequest(loadOutbox, []);
  useReloadOnShow(box.reload);
  return (
    <Screen id="page-outbox">
      <View className="card">
        <Text className="report-sub">本地演示：这里显示微信“服务通知”里会收到的订阅消息。</Text>
      </View>
      <RequestView state={box}>
        {(messages) =>
          messages.length === 0 ? (
            <EmptyState title="还没有收到消息" />
          ) : (
            <View id="outbox-list">
              {messages.map((m) => (
                <View
                  key={m.seq}
                  className="card tap outbox-message"
                  onClick={() => Taro.navigateTo({ url: `/${m.page}` })}
                >
                  <Text className="report-item-meta">
                    {TITLES[m.templateId] ?? '订阅消息'} · {formatChinaDateTime(m.at)}
                  </Text>
                  {Object.values(m.data).map((d, i) => (
                    <Text key={i} className={i === 0 ? 'card-title outbox-title' : 'report-line'}>
                      {d.value}
                    </Text>
                  ))}
                  <Text className="link">进入小程序查看 ›</Text>
                </View>
              ))}
            </View>
          )
        }
      </RequestView>
    </Screen>
  );
}
