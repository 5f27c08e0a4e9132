import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useCallback, useState } from 'react';

/**
 * Paging of a town-wide view: the cursors of the pages read so far, so 上一页 goes back to the
 * page before and 下一页 asks the server for the page after the last village shown.
 */
export function useTownPager() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const next = useCallback((c: string) => setCursors((cs) => [...cs, c]), []);
  const prev = useCallback(() => setCursors((cs) => cs.slice(0, -1)), []);
  const reset = useCallback(() => setCursors([]), []);
  return { cursor, page: cursors.length + 1, next, prev, reset };
}

/** 上一页 / 第 n 页 / 下一页, in words a villager reads at large text sizes (wraps, never clips). */
export function TownPageControl({
  id,
  pager,
  next,
  total,
}: {
  id: string;
  pager: ReturnType<typeof useTownPager>;
  next: string | null;
  /** Villages in the town, all pages. */
  total: number;
}) {
  if (pager.page === 1 && !next) return null;
  return (
    <View className="actions town-pager" id={id}>
      {pager.page > 1 ? (
        <Button id={`${id}-prev`} fill="outline" onClick={pager.prev}>
          上一页
        </Button>
      ) : null}
      <Text className="town-pager-text">
        第 {pager.page} 页 · 全镇共 {total} 个村
      </Text>
      {next ? (
        <Button id={`${id}-next`} fill="outline" onClick={() => pager.next(next)}>
          下一页
        </Button>
      ) : null}
    </View>
  );
}
