import type { Deadlines, LogKind } from '../common/contracts/oversight';
import type { FixMoveRecord } from './domain/fixes';
import type { Collection, Doc, Store } from '../common/store/port';
import type { ItemCore, Step } from './domain/item';
import type { VillageStats } from './domain/stats';

/** One question; a cache of its steps' fold. _id is derived from the reporter and request. */
export interface ItemDoc extends Doc, ItemCore {
  /** China date the item was raised (for the daily limit). */
  raisedDay: string;
  /** The disclosure series it concerns, for counting per disclosure. */
  seriesId: string | null;
  /** What the item concerns, in words fixed when raised ('2026年3月财务收支 · 第 2 条明细 …'). */
  subjectTitle: string | null;
}

/** One immutable step. _id = `${itemId}.${seq}` (seq zero-padded): a retry cannot add it twice. */
export interface StepDoc extends Doc, Step {
  itemId: string;
  villageId: string;
}

/** _id = villageId. */
export interface StatsDoc extends Doc, VillageStats {
  townId: string;
}

/** _id = townId. */
export interface SettingsDoc extends Doc, Deadlines {
  updatedAt: string;
  updatedBy: string;
}

export const itemsOf = (s: Store): Collection<ItemDoc> => s.collection<ItemDoc>('oversightItems');
export const stepsOf = (s: Store): Collection<StepDoc> => s.collection<StepDoc>('oversightSteps');
export const statsOf = (s: Store): Collection<StatsDoc> => s.collection<StatsDoc>('oversightVillageStats');
export const settingsOf = (s: Store): Collection<SettingsDoc> =>
  s.collection<SettingsDoc>('oversightSettings');

export const stepId = (itemId: string, seq: number) => `${itemId}.${String(seq).padStart(3, '0')}`;

/** One entry of the 村监委's log; immutable. _id derived from the village and request. */
export interface LogDoc extends Doc {
  villageId: string;
  townId: string;
  /** 'YYYY-MM' of `date`. */
  month: string;
  kind: LogKind;
  date: string;
  title: string;
  text: string;
  attendees: string[];
  fix: { owner: string; dueOn: string; what: string } | null;
  by: { id: string; name: string };
  at: string;
  requestId: string;
}

/** One immutable move on a 整改. _id = `${fixId}#${seq}`. */
export interface FixMoveDoc extends Doc, FixMoveRecord {
  fixId: string;
  villageId: string;
  byId: string;
}

export const logOf = (s: Store): Collection<LogDoc> => s.collection<LogDoc>('oversightLog');
export const fixMovesOf = (s: Store): Collection<FixMoveDoc> => s.collection<FixMoveDoc>('oversightFixMoves');

/**
 * One of a person's places for raising on a China day, taken before the item is stored: _id =
 * `${openid}|${day}|${n}` with n from 1 to the daily limit, so calls sent at once cannot pass the
 * limit together. Looked up by _id only.
 */
export interface RaisePlaceDoc extends Doc {
  itemId: string;
}

export const raisePlacesOf = (s: Store): Collection<RaisePlaceDoc> =>
  s.collection<RaisePlaceDoc>('oversightRaisePlaces');
export const raisePlaceId = (openid: string, day: string, n: number) => `${openid}|${day}|${n}`;
