import type { Attachment, Category, LineItem, Totals } from '../common/contracts/disclosure';
import type { Collection, Doc, Store } from '../common/store/port';

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
