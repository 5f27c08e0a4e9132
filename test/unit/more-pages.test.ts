/** 加载更多: pages appended after the first, in order, and started over when the first page is read again. */
import { shownPages, withPage, type Page } from '../../src/features/shared/morePages';

interface Reply {
  villages: string[];
  nextCursor: string | null;
}
const pageOf = (r: Reply): Page<string> => ({ rows: r.villages, next: r.nextCursor });

test('each page loaded is appended after the rows shown, with the cursor of the page after it', () => {
  const first: Reply = { villages: ['v1', 'v2'], nextCursor: 'v2' };
  let more = withPage(first, null, { rows: ['v3', 'v4'], next: 'v4' });
  expect(shownPages(first, pageOf, more)).toMatchObject({ rows: ['v1', 'v2', 'v3', 'v4'], next: 'v4' });
  more = withPage(first, more, { rows: ['v5'], next: null });
  expect(shownPages(first, pageOf, more)).toMatchObject({ rows: ['v1', 'v2', 'v3', 'v4', 'v5'], next: null });
});

test('a first page read again (back on the page) starts over: no stale pages, its own cursor', () => {
  const first: Reply = { villages: ['v1', 'v2'], nextCursor: 'v2' };
  const more = withPage(first, null, { rows: ['v3'], next: 'v3' });
  const again: Reply = { villages: ['v0', 'v1'], nextCursor: 'v1' };
  expect(shownPages(again, pageOf, more)).toMatchObject({ rows: ['v0', 'v1'], next: 'v1' });
  // A page that arrives for the new first page does not carry the old pages along.
  expect(shownPages(again, pageOf, withPage(again, more, { rows: ['v2'], next: null })).rows).toEqual([
    'v0',
    'v1',
    'v2',
  ]);
});

test('nothing is shown or offered before the first page', () => {
  expect(shownPages<Reply, string>(undefined, pageOf, null)).toMatchObject({ rows: [], next: null });
});
