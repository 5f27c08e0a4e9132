import Taro from '@tarojs/taro';

/**
 * Taro's navigation and feedback calls, for a tap that does not wait on them. Each returns a
 * promise that rejects when the call fails (a page that does not exist, a toast cut short by
 * leaving the page): the failure is written to the console here, never lost unhandled.
 */
function settled(what: string, call: () => unknown): void {
  const failed = (e: unknown) => console.warn(`${what} failed`, e);
  try {
    // Called at once, as Taro's own call would be; only its outcome is handled here.
    Promise.resolve(call()).catch(failed);
  } catch (e) {
    failed(e);
  }
}

export const showToast = (o: Taro.showToast.Option) => settled('showToast', () => Taro.showToast(o));
export const showModal = (o: Taro.showModal.Option) => settled('showModal', () => Taro.showModal(o));
export const navigateTo = (o: Taro.navigateTo.Option) => settled('navigateTo', () => Taro.navigateTo(o));
export const redirectTo = (o: Taro.redirectTo.Option) => settled('redirectTo', () => Taro.redirectTo(o));
export const reLaunch = (o: Taro.reLaunch.Option) => settled('reLaunch', () => Taro.reLaunch(o));
export const switchTab = (o: Taro.switchTab.Option) => settled('switchTab', () => Taro.switchTab(o));
export const navigateBack = (o?: Taro.navigateBack.Option) =>
  settled('navigateBack', () => Taro.navigateBack(o));
export const setNavigationBarTitle = (o: Taro.setNavigationBarTitle.Option) =>
  settled('setNavigationBarTitle', () => Taro.setNavigationBarTitle(o));
