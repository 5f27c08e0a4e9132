import type { Attachment } from '../common/contracts/disclosure';
import type {
  ChangeKind,
  FinanceLine,
  ContractKind,
  ItemCategory,
  ItemStatus,
  RegisterKind,
  ReminderKind,
  StocktakeResult,
} from '../common/contracts/assets';
import type { Collection, Doc, Store } from '../common/store/port';
import { DuplicateKeyError } from '../common/store/port';

/** This context's collections. Private: other contexts ask public.ts. */

export interface Person {
  openid: string;
  name: string;
}

/**
 * An item of the register as lists read it: its facts and the state its change entries give
 * (rebuilt from them on every change). _id = `${villageId}:${code}`.
 */
export interface ItemDoc extends Doc {
  villageId: string;
  townId: string;
  requestId: string;
  code: string;
  name: string;
  kind: RegisterKind;
  category: ItemCategory;
  location: string;
  acquiredOn: string;
  photos: Attachment[];
  note: string;
  valueFen: number;
  areaHundredths: number | null;
  status: ItemStatus;
  updatedAt: string;
}

/** One immutable entry of an item's history. _id = `${itemId}.0` for the acquisition, else by request. */
export interface ChangeDoc extends Doc {
  villageId: string;
  itemId: string;
  requestId: string;
  kind: ChangeKind;
  on: string;
  reason: string;
  decisionId: string | null;
  valueFen: number | null;
  areaHundredths: number | null;
  status: ItemStatus | null;
  /** Pictures of the change (absent on entries without any). */
  photos?: Attachment[];
  by: Person;
  at: string;
}

/** A contract; its terms never change. _id = `${villageId}:${code}`. */
export interface ContractDoc extends Doc {
  villageId: string;
  townId: string;
  requestId: string;
  code: string;
  kind: ContractKind;
  itemId: string;
  itemName: string;
  counterparty: { kind: 'person' | 'organization'; name: string };
  startOn: string;
  endOn: string;
  amountFen: number;
  depositFen: number;
  decisionId: string | null;
  decisionTitle: string | null;
  note: string;
  vacatedOn: string | null;
  by: Person;
  at: string;
}

/** One due payment of a contract. _id = `${contractId}.${index}`. */
export interface ReceivableDoc extends Doc {
  villageId: string;
  contractId: string;
  index: number;
  dueOn: string;
  amountFen: number;
  receivedOn: string | null;
  financeLine: FinanceLine | null;
  paymentRequestId: string | null;
  waiver: { on: string; reason: string; decisionId: string } | null;
  settledBy: Person | null;
  settledAt: string | null;
}

/** A 村监委 stocktake of one day. _id = `${villageId}:${on}`. */
export interface StocktakeDoc extends Doc {
  villageId: string;
  townId: string;
  requestId: string;
  on: string;
  checks: { itemId: string; itemName: string; result: StocktakeResult; note: string; photos: Attachment[] }[];
  discrepancies: number;
  by: Person;
  at: string;
}

/** Per village, what the town view and other contexts read; rebuilt from its sources on each write. */
export interface AssetSummaryDoc extends Doc {
  townId: string;
  items: number;
  assetValueFen: number;
  fundsFen: number;
  resourceAreaHundredths: number;
  contracts: {
    id: string;
    kind: ContractKind;
    amountFen: number;
    endOn: string;
    vacatedOn: string | null;
    decided: boolean;
  }[];
  /** Receivables neither received nor waived (state against today is computed when read). */
  open: { id: string; dueOn: string; amountFen: number }[];
  discrepancies: number;
  lastStocktakeOn: string | null;
  /** Months whose month-end funds disagree with the 财务公开 totals (absent on older summaries). */
  fundsMismatches?: string[];
  updatedAt: string;
}

/** A town's settings. _id = townId. */
export interface AssetSettingsDoc extends Doc {
  thresholdFen: number;
  by: Person;
  at: string;
}

/** A cadre's one-time grants of a reminder kind (_id `${openid}:${kind}`), and the taps recorded (`req:...`). */
export interface ReminderGrantDoc extends Doc {
  openid: string;
  kind: ReminderKind | null;
  credits: number;
}

/** A reminder sent. _id = `${kind}:${receivableId}` or `${kind}:${contractId}:${endOn}`: each goes once. */
export interface ReminderDoc extends Doc {
  villageId: string;
  to: string[];
  at: string;
}

export const itemsOf = (s: Store): Collection<ItemDoc> => s.collection('assetItems');
export const changesOf = (s: Store): Collection<ChangeDoc> => s.collection('assetChanges');
export const contractsOf = (s: Store): Collection<ContractDoc> => s.collection('assetContracts');
export const receivablesOf = (s: Store): Collection<ReceivableDoc> => s.collection('assetReceivables');
export const stocktakesOf = (s: Store): Collection<StocktakeDoc> => s.collection('assetStocktakes');
export const summariesOf = (s: Store): Collection<AssetSummaryDoc> => s.collection('assetVillages');
export const reminderGrantsOf = (s: Store): Collection<ReminderGrantDoc> =>
  s.collection('assetReminderGrants');
export const remindersOf = (s: Store): Collection<ReminderDoc> => s.collection('assetReminders');
export const settingsOf = (s: Store): Collection<AssetSettingsDoc> => s.collection('assetSettings');

/** Inserts unless a document with this _id exists; resolves to whether it was new. */
export async function insertOnce<T extends Doc>(col: Collection<T>, doc: T): Promise<boolean> {
  try {
    await col.insert(doc);
    return true;
  } catch (e) {
    if (e instanceof DuplicateKeyError) return false;
    throw e;
  }
}

/** Writes the document whole, whether or not it exists. */
export async function upsert<T extends Doc>(col: Collection<T>, doc: T): Promise<void> {
  const { _id, ...rest } = doc;
  if (await col.update(_id, { set: rest })) return;
  if (!(await insertOnce(col, doc))) await col.update(_id, { set: rest });
}
