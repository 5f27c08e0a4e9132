import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { useFontClass } from './fontScale';
import { navigateBack, switchTab } from './nav';

/** The tab pages: reached from the tab bar, so they need no way back. */
const TAB_PAGES = ['pages/home/index', 'pages/disclosures/index', 'pages/me/index'];

function isTabPage(path: string): boolean {
  const clean = path.replace(/^\//, '').split('?')[0] ?? '';
  return clean === '' || TAB_PAGES.includes(clean);
}

/** Back to the page before, or to the village home when the page was opened directly. */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) navigateBack();
  else switchTab({ url: '/pages/home/index' });
}

/**
 * H5 only: a browser shows no navigation bar of the mini-program, so every page that is not a
 * tab offers its own way back. (The mini-program has WeChat's back arrow.)
 */
function BackBar() {
  const { path } = useRouter();
  if (process.env.TARO_ENV !== 'h5' || isTabPage(path ?? '')) return null;
  return (
    <View className="back-bar">
      <Text id="page-back" className="link tap back-link" onClick={goBack}>
        ‹ 返回
      </Text>
    </View>
  );
}

/** The root of every page: applies the font scale class and the page's width rules. */
export function Screen({ children, wide, id }: PropsWithChildren<{ wide?: boolean; id?: string }>) {
  const fontClass = useFontClass();
  return (
    <View id={id} className={`screen ${fontClass}${wide ? ' screen-wide' : ''}`}>
      <BackBar />
      {children}
    </View>
  );
}
