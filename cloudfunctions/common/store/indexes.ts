import type { FindOptions, Query } from './port';

/**
 * Every collection's indexes, declared once: the README's index list is printed from here
 * (a test fails when they differ), the deploy step prints them for the cloud database
 * (`npm run indexes`), and the embedded store creates them when it opens a collection.
 *
 * An index is its fields in order. A query is served by an index when it constrains the
 * index's leading field (equality, `$in` or a range); the fields after it narrow further or
 * give the order. Lookups by `_id` are served by the primary key of every collection, and a
 * collection listed in SMALL_COLLECTIONS (a town's, or one document per village) may be read
 * whole. A test records every query the handler tests make and fails on one that no declared
 * index serves.
 */
export const INDEXES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  // account
  users: [['villageId'], ['townId']],
  villages: [['townId']],
  roster: [['villageId'], ['claimedBy']],
  claims: [
    ['openid', 'status'],
    ['villageId', 'status'],
  ],
  claimMisses: [['openid']],
  invitations: [['villageId'], ['townId']],
  villageHomes: [['townId', 'overviewKey']],
  relatives: [['villageId']],
  relativeVersions: [],
  // disclosure
  disclosures: [
    ['villageId', 'periodSort'],
    ['villageId', 'category', 'periodSort'],
    ['townId', 'major'],
  ],
  disclosureVersions: [['seriesId', 'version']],
  disclosureCoverage: [['townId']],
  payoutLists: [
    ['villageId', 'periodKey'],
    ['villageId', 'category', 'periodKey'],
  ],
  payoutVersions: [
    ['seriesId', 'version'],
    ['villageId', 'periodKey'],
  ],
  payoutHouseholds: [['householdId']],
  payoutFlags: [['townId']],
  // survey
  surveyRounds: [
    ['villageId', 'status'],
    ['townId', 'status'],
    // The survey timer's rounds still being prepared (opening.ts).
    ['status', 'openedAt'],
  ],
  surveyVoters: [['roundId', 'voted']],
  surveyAnswers: [['roundId', 'indicatorId', 'option']],
  surveyTallies: [],
  surveyOpen: [],
  surveyPaperCounts: [['roundId']],
  surveyComparisons: [['townId', 'periodKey', 'sortKey']],
  surveyTownPeriods: [],
  // report
  notices: [['villageId', 'publishedAt']],
  noticeVersions: [['noticeId', 'version']],
  noticeEvents: [['noticeId']],
  reports: [['villageId', 'month'], ['townId', 'month'], ['month']],
  reportReads: [['subjectId']],
  reportRuns: [],
  deliveries: [['subjectId', 'state']],
  deliveryJobs: [['state', 'createdAt']],
  subscribeGrants: [['openid']],
  subscribeGrantEvents: [['openid', 'template']],
  // assessment
  assessmentSchemes: [['townId', 'year']],
  assessmentStandards: [['townId']],
  assessmentSheets: [
    ['villageId', 'year'],
    ['townId', 'year'],
  ],
  assessmentSummaries: [
    // The board pages a town's year in the order of its kept key (also serves {townId, year}).
    ['townId', 'year', 'orderKey'],
    ['villageId', 'year'],
  ],
  assessmentTownSummaries: [],
  assessmentDemonstration: [['townId', 'year', 'sortKey']],
  assessmentAudit: [['sheetId'], ['villageId', 'year'], ['subject', 'at']],
  supervisionLedger: [
    ['villageId', 'month'],
    ['townId', 'month'],
  ],
  // oversight
  oversightItems: [
    ['villageId', 'raisedAt'],
    ['reporterId', 'raisedDay'],
    ['seriesId', 'villageId'],
    ['state', 'acceptDueAt'],
    ['state', 'answerDueAt'],
  ],
  oversightSteps: [['itemId', 'seq']],
  oversightLog: [['villageId', 'month']],
  oversightFixMoves: [['villageId'], ['fixId']],
  oversightSettings: [],
  oversightRaisePlaces: [],
  oversightVillageStats: [['townId']],
  // decisions
  powerItems: [
    ['townId', 'scope', 'list'],
    ['villageId', 'list'],
  ],
  powerItemVersions: [['itemId', 'version']],
  decisions: [['villageId', 'sortKey']],
  decisionSteps: [['decisionId']],
  decisionVillages: [['townId']],
  regularMeetings: [['villageId']],
  // assets
  assetItems: [['villageId', 'code']],
  assetChanges: [['itemId'], ['villageId', 'on']],
  assetContracts: [['villageId'], ['itemId']],
  assetReceivables: [['contractId'], ['villageId', 'receivedOn']],
  assetStocktakes: [['villageId', 'on']],
  assetReminders: [],
  assetReminderGrants: [['openid']],
  assetSettings: [],
  assetVillages: [['townId'], ['updatedAt']],
  // record
  publicChain: [
    ['villageId', 'seq'],
    ['villageId', 'key'],
  ],
  publicChainHeads: [],
  townChain: [['townId', 'seq']],
  doorCodes: [],
  // common
  towns: [],
};

/** Collections small enough to be read whole (towns; one settings document per town). */
export const SMALL_COLLECTIONS: ReadonlySet<string> = new Set(['towns']);

/** The indexes of a collection (none when it is read by `_id` only). */
export function indexesOf(collection: string): readonly (readonly string[])[] {
  return INDEXES[collection] ?? [];
}

/** The declared index that serves a query, or null (`_id` lookups are always served). */
export function servingIndex(
  collection: string,
  query: Query,
  _options: FindOptions = {},
): readonly string[] | null {
  const fields = Object.keys(query);
  if (fields.includes('_id')) return ['_id'];
  for (const index of indexesOf(collection)) {
    const lead = index[0];
    if (lead !== undefined && fields.includes(lead)) return index;
  }
  return null;
}

/** Whether a query may run: served by an index, or on a collection small enough to read whole. */
export function isServed(collection: string, query: Query, options: FindOptions = {}): boolean {
  return SMALL_COLLECTIONS.has(collection) || servingIndex(collection, query, options) !== null;
}

/** The fields the embedded store indexes: each declared index's leading field, once. */
export function leadingFields(collection: string): string[] {
  return [...new Set(indexesOf(collection).flatMap((i) => (i[0] === undefined ? [] : [i[0]])))];
}
