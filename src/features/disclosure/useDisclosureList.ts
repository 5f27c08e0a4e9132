import { useCallback, useEffect, useState } from 'react';
import type { Category, DisclosureSummary } from '@common/contracts/disclosure';
import { call, type ApiError } from '@/services/api';
import { toApiError, useRequest } from '../shared/useRequest';

export const PAGE_SIZE = 10;

export interface ListFilter {
  villageId?: string;
  category: Category;
  year?: number;
}

/**
 * One category's disclosures, newest period first, paged with skip/limit. The first page is
 * cached (shown at once next time); 加载更多 appends the next page.
 */
export function useDisclosureList(filter: ListFilter) {
  const { villageId, category, year } = filter;
  const first = useRequest(
    () => call('disclosure', 'list', { villageId, category, year, skip: 0, limit: PAGE_SIZE }),
    [villageId, category, year],
    { cache: `list:${villageId ?? ''}:${category}:${year ?? 'all'}` },
  );
  const [more, setMore] = useState<DisclosureSummary[]>([]);
  const [hasMoreTail, setHasMoreTail] = useState<boolean | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);

  // A new filter or a fresh first page starts the paging over.
  useEffect(() => {
    setMore([]);
    setHasMoreTail(null);
    setMoreError(null);
  }, [first.data, villageId, category, year]);

  const items = first.data ? [...first.data.items, ...more] : [];
  const hasMore = hasMoreTail ?? first.data?.hasMore ?? false;

  const loadMore = useCallback(() => {
    if (loadingMore || !first.data) return;
    setLoadingMore(true);
    setMoreError(null);
    call('disclosure', 'list', { villageId, category, year, skip: items.length, limit: PAGE_SIZE }).then(
      (page) => {
        setMore((m) => [...m, ...page.items]);
        setHasMoreTail(page.hasMore);
        setLoadingMore(false);
      },
      (e: unknown) => {
        setMoreError(toApiError(e));
        setLoadingMore(false);
      },
    );
  }, [loadingMore, first.data, villageId, category, year, items.length]);

  return { first, items, hasMore, loadMore, loadingMore, moreError };
}
