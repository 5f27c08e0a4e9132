import Taro from '@tarojs/taro';
import { showToast } from './nav';

/**
 * Asks once before a step that cannot be taken back (publishing, approving, grading): the person
 * reads what will happen and confirms; cancelling changes nothing.
 */
export async function confirmStep(opts: {
  title: string;
  content: string;
  confirmText: string;
}): Promise<boolean> {
  try {
    const r = await Taro.showModal({
      title: opts.title,
      content: opts.content,
      confirmText: opts.confirmText,
      cancelText: '再想想',
    });
    return r.confirm;
  } catch {
    return false;
  }
}

/** Copies a code with one tap and says so. */
export async function copyText(data: string, what: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data });
    showToast({ title: `${what}已复制`, icon: 'success' });
  } catch {
    showToast({ title: '复制失败，请长按选择后复制', icon: 'none' });
  }
}
