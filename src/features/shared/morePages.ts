/** One page of a cursor-paged list: its rows and the cursor of the page after (null at the end). */
export interface Page<T> {
  rows: T[];
  next: string | null;
}

/** The pages loaded by 加载更多 after a first page (`of`: the first page's reply they follow). */
export interface MorePagesState<D, T> {
  of: D;
  rows: T[];
  next: string | null;
}

/**
 * What the list shows: the first page's rows, then the pages loaded after that same first page
 * (pages loaded after another one, before a reload, belong to a list no longer shown).
 */
export function shownPages<D, T>(
  first: D | undefined,
  pageOf: (d: D) => Page<T>,
  more: MorePagesState<D, T> | null,
): Page<T> & { more: MorePagesState<D, T> | null } {
  if (first === undefined) return { rows: [], next: null, more: null };
  const mine = more && more.of === first ? more : null;
  const page = pageOf(first);
  return { rows: [...page.rows, ...(mine?.rows ?? [])], next: mine ? mine.next : page.next, more: mine };
}

/** The state after one more page arrived for the list whose first page is `first`. */
export function withPage<D, T>(
  first: D,
  more: MorePagesState<D, T> | null,
  page: Page<T>,
): MorePagesState<D, T> {
  const mine = more && more.of === first ? more.rows : [];
  return { of: first, rows: [...mine, ...page.rows], next: page.next };
}
