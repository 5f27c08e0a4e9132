import type { Attachment, Category, HomeFeedKept, LineItem, Totals } from '../common/contracts/disclosure';
import type { Collection, Doc, Store } from '../common/store/port';
import type { CadenceSources } from './domain/cadence';

/** One immutable published version. _id = `${seriesId}.v${version}`. */
export interface VersionDoc extends Doc {
  seriesId: string;
  version: number;
  requestId: string;
  villageId: string;
  townId: string;
  category: Category;
  major: boolean;
  occurredOn: string | null;
  title: string;
  periodKey: string;
  body: string;
  attachments: Attachment[];
  items: LineItem[];
  totals: Totals | null;
  reason: string | null;
  publishedAt: string;
  publisher: { openid: string; name: string };
}

/** The head of a series: what lists show. Derivable from its versions at any time. */
export interface HeadDoc extends Doc {
  villageId: string;
  townId: string;
  category: Category;
  major: boolean;
  occurredOn: string | null;
  title: string;
  periodKey: string;
  periodSort: string;
  year: number;
  version: number;
  firstPublishedAt: string;
  publishedAt: string;
  totals: Totals | null;
}

/** Which periods a village has disclosed, kept on every publish; recountable from heads. */
export interface CoverageDoc extends Doc {
  townId: string;
  finance: string[];
  affairs: string[];
  party: string[];
  /** ISO time of the newest publication; '' before the first. */
  lastPublishedAt: string;
}

export const versionsOf = (s: Store): Collection<VersionDoc> =>
  s.collection<VersionDoc>('disclosureVersions');
export const headsOf = (s: Store): Collection<HeadDoc> => s.collection<HeadDoc>('disclosures');
export const coverageOf = (s: Store): Collection<CoverageDoc> =>
  s.collection<CoverageDoc>('disclosureCoverage');

/**
 * The village home as a read model, one per village (_id = villageId): what the home page
 * shows, kept by every publish and correction, read with one `get`. Recountable from the heads,
 * coverage, village and town at any time (rebuildHome); rebuilt when missing. The cadence
 * status is evaluated from `cadence` at read time (the one evaluation), as it depends on the day.
 */
export interface HomeDoc extends Doc {
  townId: string;
  villageName: string;
  townName: string;
  trackingSince: string;
  /** The coverage's newest publication (ISO; '' when none): orders concurrent rebuilds. */
  lastPublishedAt: string;
  /** What the cadence weighs, read for the window as of the last write. */
  cadence: CadenceSources;
  /**
   * The village's place in the town overview (domain/overviewOrder.ts): the due date of its
   * earliest unpublished routine period, then its id. Absent on a stub or a home kept before.
   */
  overviewKey?: string;
  latestFinance: HeadDoc | null;
  recent: HeadDoc[];
  /** Kept by the record context on every append (rebuilt from its head here too). */
  chain?: HomeFeedKept['chain'];
  /** Kept by the report and survey contexts (disclosure/homeFeed.ts); absent before their first write. */
  notices?: HomeFeedKept['notices'];
  report?: HomeFeedKept['report'];
  round?: HomeFeedKept['round'];
  /** Only the feed parts are stored yet: the next read rebuilds the rest. */
  stub?: boolean;
}

export const homesOf = (s: Store): Collection<HomeDoc> => s.collection<HomeDoc>('villageHomes');
