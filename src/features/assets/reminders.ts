import Taro from '@tarojs/taro';
import { REMINDER_KINDS, REMINDER_TEMPLATES } from '@common/contracts/assets';
import { call, newRequestId } from '@/services/api';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * Asks a cadre for the 三资 reminders (a payment falling due, a contract ending). Must run inside
 * a tap handler; each accepted template grants one message, recorded on the server.
 */
export async function askForReminders(): Promise<void> {
  let answers: { kind: (typeof REMINDER_KINDS)[number]; answer: Answer }[];
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = (await Taro.requestSubscribeMessage({
        tmplIds: REMINDER_KINDS.map((k) => REMINDER_TEMPLATES[k].id),
      } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
      answers = REMINDER_KINDS.map((k) => ({
        kind: k,
        answer: (res[REMINDER_TEMPLATES[k].id] as Answer) ?? 'reject',
      }));
    } catch {
      await Taro.showToast({ title: '订阅未完成，可稍后再试', icon: 'none' });
      return;
    }
  } else {
    // Outside WeChat (the local demo) a dialog stands in for WeChat's subscription popup.
    const r = await Taro.showModal({
      title: '订阅消息',
      content: `允许“清廉村居”给您发送一次：${REMINDER_KINDS.map((k) => REMINDER_TEMPLATES[k].title).join('、')}`,
      confirmText: '允许',
      cancelText: '取消',
    });
    answers = REMINDER_KINDS.map((k) => ({ kind: k, answer: r.confirm ? 'accept' : 'reject' }));
  }
  const out = await call('assets', 'subscribeReminders', { requestId: newRequestId(), answers });
  await Taro.showToast({
    title: `可收到提醒：收款 ${out.credits.paymentDue} 次，合同 ${out.credits.contractExpiry} 次`,
    icon: 'none',
  });
}
