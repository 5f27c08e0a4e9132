import {
  KIND_OF_CATEGORY,
  type AssetRefusal,
  type ChangeKind,
  type ItemCategory,
  type ItemStatus,
} from '../../common/contracts/assets';

/**
 * The register's value rules and its history. An item is what its change entries say: the
 * acquisition, then every disposal, revaluation, change of use or area correction in date
 * order. Entries are never edited, so the register at any past date is a fold of the entries
 * up to that date.
 */

export interface ItemFacts {
  category: ItemCategory;
  valueFen: number;
  areaHundredths: number | null;
}

/** The first rule an item's values break, or null. Areas are 亩 × 100; money is fen. */
export function itemProblem(i: ItemFacts): AssetRefusal | null {
  if (i.valueFen < 0) return 'VALUE_NEGATIVE';
  if (i.areaHundredths !== null && i.areaHundredths < 0) return 'AREA_NEGATIVE';
  const kind = KIND_OF_CATEGORY[i.category];
  if (kind === 'resources' && (i.areaHundredths === null || i.areaHundredths === 0)) return 'AREA_REQUIRED';
  if (kind === 'assets' && i.valueFen === 0) return 'VALUE_REQUIRED';
  return null;
}

export { formatMu, parseMu } from '../../common/contracts/assets';

/** One immutable entry of an item's history. */
export interface ChangeFacts {
  kind: ChangeKind;
  on: string;
  /** Order of entries on the same day (the time they were written). */
  at: string;
  valueFen: number | null;
  areaHundredths: number | null;
  status: ItemStatus | null;
}

export interface ItemState {
  valueFen: number;
  areaHundredths: number | null;
  status: ItemStatus;
}

/** The change kinds that need a passed decision (处置 of collective property). */
export const CHANGES_NEEDING_DECISION: readonly ChangeKind[] = ['dispose'];

/**
 * The first rule a change breaks against the item's current state, or null: a change must
 * change something, not precede the acquisition, nor touch a disposed item.
 */
export function changeProblem(
  current: ItemState,
  acquiredOn: string,
  c: Omit<ChangeFacts, 'at'>,
): AssetRefusal | null {
  if (current.status === 'disposed') return 'ITEM_DISPOSED';
  if (c.on < acquiredOn) return 'CHANGE_DATE_BEFORE_ACQUIRED';
  if (c.valueFen !== null && c.valueFen < 0) return 'VALUE_NEGATIVE';
  if (c.areaHundredths !== null && c.areaHundredths < 0) return 'AREA_NEGATIVE';
  if (c.kind === 'dispose') return null;
  const changes =
    (c.kind === 'revalue' && c.valueFen !== null && c.valueFen !== current.valueFen) ||
    (c.kind === 'resize' && c.areaHundredths !== null && c.areaHundredths !== current.areaHundredths) ||
    (c.kind === 'changeUse' && c.status !== null && c.status !== 'disposed' && c.status !== current.status);
  return changes ? null : 'CHANGE_EMPTY';
}

function apply(s: ItemState, c: ChangeFacts): ItemState {
  switch (c.kind) {
    case 'acquire':
      return { valueFen: c.valueFen ?? 0, areaHundredths: c.areaHundredths, status: c.status ?? 'inUse' };
    case 'dispose':
      return { ...s, status: 'disposed' };
    case 'revalue':
    case 'balance':
      return { ...s, valueFen: c.valueFen ?? s.valueFen };
    case 'resize':
      return { ...s, areaHundredths: c.areaHundredths ?? s.areaHundredths };
    case 'changeUse':
      return { ...s, status: c.status ?? s.status };
  }
}

/**
 * The item as its entries leave it at the end of `date` (China date), or null when it had not
 * been acquired yet. Entries are applied in (on, at) order whatever order they come in.
 */
export function stateAt(changes: readonly ChangeFacts[], date: string): ItemState | null {
  const upTo = changes
    .filter((c) => c.on <= date)
    .sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at));
  if (upTo[0]?.kind !== 'acquire') return null;
  return upTo.reduce<ItemState>((s, c) => apply(s, c), {
    valueFen: 0,
    areaHundredths: null,
    status: 'inUse',
  });
}
