import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { Query, Store } from '../common/store/port';
import { voterSecret } from './secret';
import { answersOf, type RoundDoc } from './store';

/*
 * Answer slots: where a round keeps what was answered, one document per answer, created empty
 * when the round opens and filled by the ballots (the threat model is in store.ts).
 */

/** The id of a round's i-th answer slot of an indicator: a keyed hash, random-looking. */
export function slotIdAt(roundId: string, indicatorId: string, i: number, secret = voterSecret()): string {
  const h = createHmac('sha256', secret).update(`${roundId}\nslot:${indicatorId}:${i}`).digest('hex');
  return h.slice(0, 24);
}

/**
 * Empty slots per eligible person and indicator. Two, so that at most half of an indicator's
 * slots are ever filled: a slot drawn at random is empty at least every other draw, and a
 * ballot fills a slot in about 1.4 writes on average even when everyone votes (in one write
 * where the process remembers what it filled: see SlotBook).
 */
export const SLOTS_PER_VOTER = 2;

/** How many slots a round has for an indicator with `eligible` people answering it. */
export const slotCount = (eligible: number) => eligible * SLOTS_PER_VOTER;

/**
 * The empty answer slots of a new round: SLOTS_PER_VOTER per eligible person and indicator.
 * Their ids look random (a keyed hash of the round, indicator and slot number), so a retried
 * opening writes the same slots again, and nothing in an id relates to the ballot that will
 * fill it.
 */
export function answerSlots(roundId: string, eligible: Record<string, number>, secret = voterSecret()) {
  const out: { _id: string; roundId: string; indicatorId: string; option: null }[] = [];
  for (const [indicatorId, n] of Object.entries(eligible)) {
    for (let i = 0; i < slotCount(n); i++) {
      out.push({ _id: slotIdAt(roundId, indicatorId, i, secret), roundId, indicatorId, option: null });
    }
  }
  return out.sort((a, b) => (a._id < b._id ? -1 : 1));
}

/**
 * What this process knows of a round's slots of one indicator: the slot numbers that may still
 * be empty (all at first; a number leaves when this process fills that slot or finds it
 * filled, and comes back when this process empties it again). Eight bytes per slot.
 *
 * Only a hint for drawing, never the judge: the conditional write decides, so another process
 * filling slots (or this one forgetting) costs extra draws, never a wrong fill. Drawing
 * uniformly among the numbers that may be empty, and again on a miss, still picks each empty
 * slot with the same chance: which slot a ballot fills stays independent of who cast it, and
 * when. It holds slot numbers only, nothing of a ballot or a voter.
 */
export class SlotBook {
  /** free[0..size) are the slot numbers that may be empty, in no meaningful order. */
  private readonly free: Int32Array;
  /** Where each slot number stands in `free`, or -1 when it is known filled. */
  private readonly at: Int32Array;
  private size: number;

  constructor(
    private readonly roundId: string,
    private readonly indicatorId: string,
    private readonly secret: string,
    readonly slots: number,
  ) {
    this.free = new Int32Array(slots);
    this.at = new Int32Array(slots);
    for (let i = 0; i < slots; i++) this.free[i] = this.at[i] = i;
    this.size = slots;
  }

  /** How many slots may still be empty. */
  get open(): number {
    return this.size;
  }

  /** A slot number drawn uniformly among those that may be empty, taken out; null if none. */
  take(): number | null {
    if (this.size === 0) return null;
    const i = this.free[randomInt(this.size)] as number;
    this.remove(i);
    return i;
  }

  /** The slot may be empty again (emptied by this process, or its write failed). */
  putBack(i: number): void {
    if (i < 0 || i >= this.slots || (this.at[i] as number) >= 0) return;
    this.free[this.size] = i;
    this.at[i] = this.size++;
  }

  id(i: number): string {
    return slotIdAt(this.roundId, this.indicatorId, i, this.secret);
  }

  private remove(i: number): void {
    const pos = this.at[i] as number;
    if (pos < 0) return;
    const last = this.free[--this.size] as number;
    this.free[pos] = last;
    this.at[last] = pos;
    this.at[i] = -1;
  }
}

/**
 * Books kept per store (a process's own database handle), the least recently used dropped
 * first: every indicator of every village of a large town voting at once.
 */
const BOOKS_PER_STORE = 1024;
const books = new WeakMap<Store, Map<string, SlotBook>>();

/** This process's book of a round's slots of an indicator (made on first use). */
export function slotBook(
  store: Store,
  round: RoundDoc,
  indicatorId: string,
  secret = voterSecret(),
): SlotBook {
  const n = slotCount(round.eligible[indicatorId] ?? 0);
  let mine = books.get(store);
  if (!mine) books.set(store, (mine = new Map()));
  const key = `${round._id}\n${indicatorId}\n${n}\n${secret}`;
  let book = mine.get(key);
  if (book) mine.delete(key);
  else book = new SlotBook(round._id, indicatorId, secret, n);
  mine.set(key, book);
  if (mine.size > BOOKS_PER_STORE) mine.delete(mine.keys().next().value as string);
  return book;
}

/** A slot a ballot filled: its id, and its number in the book when it was drawn (null if found by query). */
export interface FilledSlot {
  id: string;
  indicatorId: string;
  n: number | null;
}

/**
 * A fresh random tag written with each fill, so that taking a ballot back empties only slots
 * this very write filled: another ballot's answer in the same slot (with the same option)
 * carries another tag. Random and per slot: it relates neither to the ballot nor to the voter,
 * nor one slot of a ballot to another.
 */
export const newFillTag = (): string => randomBytes(9).toString('base64url');

/**
 * A slot write that failed: it may still have landed (a timeout, say), so taking the ballot
 * back empties this slot too if it holds the ballot's option (see emptySlot).
 */
export class SlotWriteFailed extends Error {
  constructor(
    readonly slot: FilledSlot,
    readonly tag: string,
    override readonly cause: unknown,
  ) {
    super(`answer slot write failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SlotWriteFailed';
  }
}

/** The conditional write of a slot; an error says which slot and tag it was about. */
async function write(store: Store, slot: FilledSlot, option: string): Promise<number> {
  const tag = newFillTag();
  try {
    return await answersOf(store).updateWhere({ _id: slot.id, option: null }, { set: { option, tag } });
  } catch (e) {
    throw new SlotWriteFailed(slot, tag, e);
  }
}

/** Draws before falling back to a query. */
const DRAWS = 8;

/**
 * Fills one empty slot of the indicator with the option, chosen uniformly at random among the
 * empty ones, so which slot a ballot fills is independent of when it was cast. A conditional
 * write: two ballots never share one.
 *
 * - First by drawing: a slot number drawn at random among those this process's book says may
 *   be empty, written only if still empty (one store operation by its _id; a draw that hits a
 *   filled slot is drawn again, and the book learns it). In the one process of the local
 *   runtime the book knows every fill, so a ballot fills each slot in one write; a process that
 *   knows nothing draws among all slots, and with SLOTS_PER_VOTER at least every other draw hits.
 * - After DRAWS misses, or when the book holds no more (another process emptied a slot), by a
 *   query: the first empty slot at or after a random point of the id space, wrapping round
 *   (served by the {roundId, indicatorId, option} index).
 */
export async function fillSlot(
  store: Store,
  round: RoundDoc,
  indicatorId: string,
  option: string,
): Promise<FilledSlot> {
  const slots = answersOf(store);
  const roundId = round._id;
  const book = slotBook(store, round, indicatorId);
  for (let draw = 0; draw < DRAWS; draw++) {
    // Taken before the write: this process's other ballots draw among the rest meanwhile.
    const n = book.take();
    if (n === null) break;
    const slot = { id: book.id(n), indicatorId, n };
    let won: number;
    try {
      won = await write(store, slot, option);
    } catch (e) {
      // Whether it landed is unknown: the slot may be empty, a conditional write will tell.
      book.putBack(n);
      throw e;
    }
    if (won) return slot;
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    const pivot = randomBytes(12).toString('hex');
    let found = await slots.find(
      { roundId, indicatorId, option: null, _id: { $gte: pivot } },
      { sort: { _id: 1 }, limit: 1, fields: ['_id'] },
    );
    if (!found.length) {
      found = await slots.find(
        { roundId, indicatorId, option: null },
        { sort: { _id: 1 }, limit: 1, fields: ['_id'] },
      );
    }
    const first = found[0];
    // Every eligible person has a slot per indicator they answer and marks themself once.
    if (!first) throw new Error(`no empty answer slot for ${indicatorId} in ${roundId}`);
    const slot = { id: first._id, indicatorId, n: null };
    if (await write(store, slot, option)) return slot;
  }
  throw new Error(`answer slot contention for ${indicatorId} in ${roundId}`);
}

/**
 * Empties a slot a ballot filled (the ballot is taken back); the book may draw it again. With
 * `tag`, a slot whose write failed: emptied only if it holds that write's tag (the write landed
 * after all); a slot another ballot filled (drawn by a process that did not know it was filled)
 * keeps that ballot's answer.
 */
export async function emptySlot(
  store: Store,
  round: RoundDoc,
  slot: FilledSlot,
  tag?: string,
): Promise<void> {
  const query: Query = tag === undefined ? { _id: slot.id } : { _id: slot.id, tag };
  await answersOf(store).updateWhere(query, { set: { option: null, tag: null } });
  if (slot.n !== null) slotBook(store, round, slot.indicatorId).putBack(slot.n);
}
