import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useFontClass } from './fontScale';

/** The root of every page: applies the font scale class and the page's width rules. */
export function Screen({ children, wide, id }: PropsWithChildren<{ wide?: boolean; id?: string }>) {
  const fontClass = useFontClass();
  return (
    <View id={id} className={`screen ${fontClass}${wide ? ' screen-wide' : ''}`}>
      {children}
    </View>
  );
}
