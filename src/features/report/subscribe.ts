import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATES, type SubscriptionState, type TemplateKey } from '@common/contracts/report';
import { call, newRequestId } from '@/services/api';
import { showToast } from '../shared/nav';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * Asks for subscribe messages. Must run inside a tap handler: WeChat only shows
 * `requestSubscribeMessage` in answer to a tap. What the person chose is recorded on the server
 * (one-time grants are counted, one per accepted tap).
 */
export async function askToSubscribe(templates: TemplateKey[]): Promise<SubscriptionState[] | null> {
  const ids = templates.map((t) => SUBSCRIBE_TEMPLATES[t].id);
  let answers: { template: TemplateKey; answer: Answer }[];
  if (process.env.TARO_ENV === 'weapp') {
    let res: Record<string, string>;
    try {
      res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Parameters<
        typeof Taro.requestSubscribeMessage
      >[0])) as unknown as Record<string, string>;
    } catch {
      showToast({ title: '订阅未完成，可稍后再试', icon: 'none' });
      return null;
    }
    answers = templates.map((t) => ({
      template: t,
      answer: (res[SUBSCRIBE_TEMPLATES[t].id] as Answer) ?? 'reject',
    }));
  } else {
    // Outside WeChat (the local demo) a dialog stands in for WeChat's subscription popup.
    const names = templates.map((t) => SUBSCRIBE_TEMPLATES[t].title).join('、');
    const r = await Taro.showModal({
      title: '订阅消息',
      content: `允许“清廉村居”给您发送一次：${names}`,
      confirmText: '允许',
      cancelText: '取消',
    });
    answers = templates.map((t) => ({ template: t, answer: r.confirm ? 'accept' : 'reject' }));
  }
  const out = await call('report', 'subscribe', { requestId: newRequestId(), answers });
  const accepted = answers.some((a) => a.answer === 'accept');
  showToast({ title: accepted ? '订阅成功' : '已取消订阅', icon: accepted ? 'success' : 'none' });
  return out.subscriptions;
}
