import { z } from 'zod';
import type { ChainEntry } from '../chain/chain';
import type { TownEntry, VillageEntries } from '../chain/town';
import { Id, type Iso } from './shared';

/** Entries of a village's public record chain per page. */
export const CHAIN_PAGE = 200;

export const recordInputs = {
  /** The village's chain head (fingerprint and date): what the home and print views show. */
  head: z.object({ villageId: Id.optional() }),
  /** One page of entries (in chain order) with their records' public content as stored now. */
  entries: z.object({
    villageId: Id.optional(),
    afterSeq: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(CHAIN_PAGE).default(CHAIN_PAGE),
  }),
  /** The whole chain with contents as one file for auditors (`npm run verify -- <file>`). */
  exportChain: z.object({ villageId: Id.optional() }),
  /** The town's latest daily fingerprint (of its villages' heads) and its date. */
  townHead: z.object({}),
  /** The town's daily chain with every village's entries, for auditors (`npm run verify -- <file>`). */
  exportTown: z.object({}),
  /** The village's door poster: its code (made once, reused) and its fingerprint. Cadres, 村监委, town. */
  poster: z.object({ villageId: Id.optional() }),
};

/** Named refusals of the record context. */
export const RECORD_REFUSALS = {
  DOOR_CODE_FAILED: '小程序码暂时生成不了，请稍后再试；多次不成请联系镇里的管理员',
} as const;

export interface PosterView {
  villageId: string;
  villageName: string;
  townName: string;
  /** What the image shows: a cloud file id in WeChat, a data URL locally. */
  code: string;
  head: ChainHeadView | null;
}

export interface TownHeadView {
  seq: number;
  fingerprint: string;
  /** China date the entry stands for ('YYYY-MM-DD'). */
  day: string;
  at: Iso;
}

export interface TownExport {
  format: 'qinglian-town-record/1';
  townId: string;
  townName: string;
  exportedAt: Iso;
  head: TownHeadView | null;
  entries: TownEntry[];
  villages: VillageEntries[];
}

export interface ChainHeadView {
  seq: number;
  fingerprint: string;
  /** Publication time of the newest entry. */
  at: Iso;
}

export interface ChainItem {
  entry: ChainEntry;
  /** The record's public content now; null when the record is gone. */
  content: unknown | null;
}

export interface ChainExport {
  format: 'qinglian-public-record/1';
  villageId: string;
  villageName: string;
  exportedAt: Iso;
  head: ChainHeadView | null;
  items: ChainItem[];
}

export interface RecordOutputs {
  head: { villageId: string; villageName: string; head: ChainHeadView | null };
  entries: { villageName: string; head: ChainHeadView | null; items: ChainItem[]; hasMore: boolean };
  exportChain: ChainExport;
  townHead: { townId: string; townName: string; head: TownHeadView | null };
  exportTown: TownExport;
  poster: PosterView;
}
