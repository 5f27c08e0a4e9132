import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { shownPages, withPage, type MorePagesState, type Page } from './morePages';
import { toApiError } from './useRequest';

export type { Page } from './morePages';

/**
 * 加载更多 under a cursor-paged list: the first page is the screen's request (`data`), each tap
 * appends the page after the last row shown. Another first page (a reload) starts over.
 */
export function useMorePages<D, T>(
  data: D | undefined,
  pageOf: (d: D) => Page<T>,
  load: (cursor: string) => Promise<D>,
) {
  const [more, setMore] = useState<MorePagesState<D, T> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = shownPages(data, pageOf, more);
  const loadMore = async () => {
    const next = shown.next;
    if (!next || busy || data === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const page = pageOf(await load(next));
      setMore((m) => withPage(data, m, page));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return { rows: shown.rows, next: shown.next, busy, error, loadMore };
}

/** The 加载更多 button of `useMorePages` (or 没有更多了 at the end, when `end` says so). */
export function MoreButton({
  more,
  label = '加载更多',
  end,
}: {
  more: { next: string | null; busy: boolean; error: string | null; loadMore: () => Promise<void> };
  label?: string;
  end?: string;
}) {
  return (
    <View>
      {more.error ? (
        <Text className="field-error" onClick={() => void more.loadMore()}>
          {more.error}，点此重试
        </Text>
      ) : null}
      {more.next ? (
        <Button fill="outline" block loading={more.busy} onClick={() => void more.loadMore()}>
          {label}
        </Button>
      ) : end ? (
        <Text className="list-end">{end}</Text>
      ) : null}
    </View>
  );
}
