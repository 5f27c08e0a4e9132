import type { Role } from '@common/contracts/shared';

/**
 * Entry points each bounded context offers on the home ("本村") and "我的" pages.
 * A context adds its own entries here; the pages render those whose roles match the caller.
 */
export interface Entry {
  key: string;
  title: string;
  /** One short line under the title. */
  hint: string;
  url: string;
  /** Who sees it; empty = everyone bound to a village. */
  roles: Role[];
  place: 'home' | 'me';
}

export const ENTRIES: Entry[] = [
  // one object per entry; keep this comment as the anchor for additions
];
