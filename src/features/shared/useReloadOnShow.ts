import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/** Refreshes when the page shows again (back from a detail, a tab switch), not on its first show. */
export function useReloadOnShow(reload: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
}
