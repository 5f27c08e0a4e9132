import { z } from 'zod';
import { Id } from './shared';

/**
 * Town-wide views are read a page of villages at a time: the cursor is the last village id of
 * the page before (villages in id order, so a page never shifts when a village is added), the
 * limit at most 100 villages, so a reply stays small whatever the size of the town.
 */
export const TOWN_PAGE_MAX = 100;
export const TOWN_PAGE_DEFAULT = 50;

/** The input of a paged town view; `max` keeps a page of this view's rows under 100 KB. */
export function townPageInput(max = TOWN_PAGE_MAX, byDefault = Math.min(TOWN_PAGE_DEFAULT, max)) {
  return {
    cursor: Id.optional(),
    limit: z
      .number({ error: '每页村数应为数字' })
      .int('每页村数应为整数')
      .min(1, '每页至少一个村')
      .max(max, `每页最多 ${max} 个村`)
      .default(byDefault),
  };
}

/**
 * The cursor of a town view read in the order of a key each village keeps (worst first, say),
 * not by village id: opaque to the client, longer than an id.
 */
export const KeyCursor = z
  .string({ error: '缺少编号' })
  .trim()
  .min(1, '缺少编号')
  .max(140, '编号过长')
  .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确');

/** What every paged town view adds to its reply. */
export interface TownPage {
  /** The cursor of the next page, null on the last page. */
  next: string | null;
  /** Villages in the town (all pages). */
  villageTotal: number;
}
