import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { rosterEntry, rosterEntryOfPerson } from '../account/public';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { MAX_PAGE, type Query, type Store } from '../common/store/port';
import { checkAnswers, type Answers } from './domain/indicators';
import { ballotIncrements, recountAnswers, type Tally } from './domain/tally';
import { voterSecret } from './secret';
import { emptySlot, fillSlot, SlotWriteFailed, type FilledSlot } from './slots';
import { answersOf, talliesOf, votersOf, type RoundDoc, type VoterDoc } from './store';

export { voterSecret } from './secret';
export { answerSlots, slotCount, slotIdAt, SLOTS_PER_VOTER } from './slots';

/*
 * Ballots: who may vote, marking who voted, and storing what was answered, kept apart so that
 * a complete copy of the database cannot link the two (the threat model is written in
 * store.ts and the README).
 */

/**
 * A person as a round knows them: by roster entry or by WeChat account. A bound person whose
 * roster entry a cadre linked to them (by approving their claim) is one person under both refs.
 */
export type VoterRef = { kind: 'roster'; id: string } | { kind: 'user'; id: string };

/**
 * The key of a person's eligibility entry in a round: an HMAC under the configured secret, so
 * whoever holds `users` and `roster` but not the secret cannot tell whose entry is whose.
 */
export function voterKey(roundId: string, ref: VoterRef, secret = voterSecret()): string {
  const h = createHmac('sha256', secret).update(`${roundId}\n${ref.kind}:${ref.id}`).digest('hex');
  return `${roundId}:${h.slice(0, 32)}`;
}

/** Sealed lists are padded to this many characters: every entry's seal has one length. */
const SEALED_PLAINTEXT = 160;

const sealKeys = new Map<string, Buffer>();
/** The key lists are sealed under, derived from the secret (once per secret in a process). */
function sealKey(secret: string): Buffer {
  let key = sealKeys.get(secret);
  if (!key) {
    key = createHmac('sha256', secret).update('survey voter indicators').digest();
    if (sealKeys.size > 8) sealKeys.clear();
    sealKeys.set(secret, key);
  }
  return key;
}

/**
 * The indicators a person answers, encrypted (AES-256-GCM under a key derived from the
 * configured secret, random IV) and padded to one length: a copy of the database shows no
 * entry's role mix.
 */
export function sealIndicators(ids: readonly string[], secret = voterSecret()): string {
  const text = ids.join(',').padEnd(SEALED_PLAINTEXT, ' ');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The indicator ids of a sealed list (throws if it was sealed under another secret). */
export function openIndicators(sealed: string, secret = voterSecret()): string[] {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])
    .toString('utf8')
    .trim();
  return text ? text.split(',') : [];
}

/** The refs of a person voting online: their account, and their linked roster entry if any. */
export async function refsOfUser(store: Store, villageId: string, openid: string): Promise<VoterRef[]> {
  const entry = await rosterEntryOfPerson(store, villageId, openid);
  return entry
    ? [
        { kind: 'roster', id: entry.id },
        { kind: 'user', id: openid },
      ]
    : [{ kind: 'user', id: openid }];
}

/** The refs of a roster entry voting on paper: the entry, and the person linked to it if any. */
export async function refsOfRosterEntry(rosterId: string, claimedBy: string | null): Promise<VoterRef[]> {
  return claimedBy
    ? [
        { kind: 'roster', id: rosterId },
        { kind: 'user', id: claimedBy },
      ]
    : [{ kind: 'roster', id: rosterId }];
}

/**
 * A person's eligibility entries in a round, in key order. Usually one; two when the person
 * and their roster entry were linked after the round opened (then both are marked together).
 */
export async function entriesOf(store: Store, roundId: string, refs: VoterRef[]): Promise<VoterDoc[]> {
  const keys = [...new Set(refs.map((r) => voterKey(roundId, r)))].sort();
  const [only] = keys;
  if (keys.length === 1 && only !== undefined) {
    const entry = await votersOf(store).get(only);
    return entry ? [entry] : [];
  }
  // Both of a linked person's keys in one read.
  const found = await votersOf(store).find({ _id: { $in: keys } }, { limit: keys.length });
  return found.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/**
 * Records one ballot: marks the person's entries as voted, fills one answer slot per indicator,
 * then counts it in the tally.
 *
 * - Marking is a conditional write on each entry (`voted: false` -> true), entries in key
 *   order: of two ballots for one person (online and on paper, or two taps) exactly one marks
 *   them, however the calls interleave. The loser takes back what it marked.
 * - The tally increment is the commit: it is conditional on the tally not being closed, and
 *   closing a round closes the tally first. A ballot that loses that race is taken back (slots
 *   emptied, then the marks) and refused with ROUND_CLOSED, so the ballots counted are exactly
 *   those in the tally when the round closed.
 * - A slot write that fails is taken back the same way, so the voter can simply try again. As
 *   it may have landed all the same, its slot is emptied too if it holds that write's fill tag:
 *   never an answer without a mark, which the retry would answer a second time, and never
 *   another ballot's answer.
 *
 * A ballot whose process dies after marking and before its slots are filled is lost: finishing
 * it would need a link from the person to the slots, which anonymity forbids. The voter's
 * retry hears they voted, and a recount reports the difference (without saying whose).
 */
export async function castBallot(
  ctx: Ctx,
  round: RoundDoc,
  refs: VoterRef[],
  answers: Answers,
  who: 'self' | 'paper',
): Promise<void> {
  const entries = await entriesOf(ctx.store, round._id, refs);
  if (!entries.length) {
    throw new DomainError(
      'NOT_ELIGIBLE',
      who === 'paper' ? '该村民不在本轮测评的参评名单中（名单在测评开始时确定）' : undefined,
    );
  }
  const alreadyVoted = () =>
    new DomainError(
      'ALREADY_VOTED',
      who === 'paper' ? '该村民已经参加过本轮测评（线上或纸质），不能重复录入' : undefined,
    );
  if (entries.some((e) => e.voted)) throw alreadyVoted();
  // The person answers what their first entry (their roster entry when linked) lists.
  const mine = openIndicators((entries[0] as VoterDoc).sealed);
  const allowed = round.indicators.filter((i) => mine.includes(i.id));
  const problem = checkAnswers(allowed, answers);
  if (problem) throw new DomainError('BALLOT_INVALID', problem);

  const marked: string[] = [];
  for (const e of entries) {
    if (await votersOf(ctx.store).updateWhere({ _id: e._id, voted: false }, { set: { voted: true } })) {
      marked.push(e._id);
    } else {
      await takeBack(ctx.store, round, marked, [], null);
      throw alreadyVoted();
    }
  }
  const stored: Answers = {};
  for (const i of allowed) stored[i.id] = answers[i.id] as string;
  const fills = await Promise.allSettled(
    Object.entries(stored).map(([id, option]) => fillSlot(ctx.store, round, id, option)),
  );
  const filled = fills.flatMap((f) => (f.status === 'fulfilled' ? [f.value] : []));
  const failed = fills.flatMap((f) => (f.status === 'rejected' ? [f.reason as unknown] : []));
  if (failed.length) {
    const unsure = failed.filter((e): e is SlotWriteFailed => e instanceof SlotWriteFailed);
    const cause = failed[0] instanceof SlotWriteFailed ? failed[0].cause : failed[0];
    await takeBack(ctx.store, round, marked, filled, cause, unsure);
    throw cause;
  }
  // An error here is ambiguous (the increment may have landed): marks and slots stay, the
  // voter hears they voted on a retry, and a recount after close counts the slots.
  const counted = await talliesOf(ctx.store).updateWhere(
    { _id: round._id, closed: { $ne: true } },
    { inc: ballotIncrements(stored) },
  );
  if (counted === 0) {
    await takeBack(ctx.store, round, marked, filled, null);
    throw new DomainError(
      'ROUND_CLOSED',
      who === 'paper' ? '本轮测评已经结束，这张纸质选票没有计入' : '本轮测评已经结束，您的答卷没有计入',
    );
  }
}

/**
 * Takes back a ballot that was not counted: its slots first, then the marks (so a failure in
 * between leaves a person marked without answers, which a recount reports, never answers
 * without a mark, which would let the person vote twice).
 */
async function takeBack(
  store: Store,
  round: RoundDoc,
  marked: string[],
  slots: FilledSlot[],
  cause: unknown,
  unsure: SlotWriteFailed[] = [],
): Promise<void> {
  try {
    for (const slot of slots) await emptySlot(store, round, slot);
    for (const u of unsure) await emptySlot(store, round, u.slot, u.tag);
    for (const id of marked)
      await votersOf(store).updateWhere({ _id: id, voted: true }, { set: { voted: false } });
  } catch (e) {
    if (cause === null) throw e;
    // Keep the first error: that is what the caller needs to hear about.
  }
}

/** Every filled answer slot of a round, paged by _id (a cursor, not an ever larger skip). */
async function filledAnswers(
  store: Store,
  roundId: string,
): Promise<{ indicatorId: string; option: string | null }[]> {
  const out: { indicatorId: string; option: string | null }[] = [];
  let after = '';
  for (;;) {
    const query: Query = { roundId, option: { $ne: null } };
    if (after) query._id = { $gt: after };
    const page = await answersOf(store).find(query, {
      sort: { _id: 1 },
      limit: MAX_PAGE,
      fields: ['indicatorId', 'option'],
    });
    out.push(...page);
    if (page.length < MAX_PAGE) return out;
    after = (page[page.length - 1] as { _id: string })._id;
  }
}

/** The opened indicator lists of every entry marked as voted, paged by _id. */
async function votedSeals(store: Store, roundId: string): Promise<string[][]> {
  const out: string[][] = [];
  let after = '';
  for (;;) {
    const query: Query = { roundId, voted: true };
    if (after) query._id = { $gt: after };
    const page = await votersOf(store).find(query, { sort: { _id: 1 }, limit: MAX_PAGE, fields: ['sealed'] });
    out.push(...page.map((v) => openIndicators(v.sealed)));
    if (page.length < MAX_PAGE) return out;
    after = (page[page.length - 1] as { _id: string })._id;
  }
}

/**
 * A recount from what is stored: the filled slots per indicator and option, and the people
 * marked as voted. Ballots lost in a failed write are marked people without answers: per
 * indicator, the marked people who answer it less the filled slots.
 */
export async function recountRound(
  store: Store,
  round: RoundDoc,
): Promise<{ tally: Tally; voted: number; lost: number }> {
  const [filled, votedEntries] = await Promise.all([
    filledAnswers(store, round._id),
    votedSeals(store, round._id),
  ]);
  const voted = votedEntries.length;
  const perIndicator = round.indicators.map((i) => votedEntries.filter((ids) => ids.includes(i.id)).length);
  const answered = new Map<string, number>();
  for (const a of filled) answered.set(a.indicatorId, (answered.get(a.indicatorId) ?? 0) + 1);
  const lost = Math.max(
    0,
    ...round.indicators.map((i, k) => (perIndicator[k] ?? 0) - (answered.get(i.id) ?? 0)),
  );
  const tally = recountAnswers(
    round.indicators,
    filled.map((a) => ({ indicatorId: a.indicatorId, option: a.option as string })),
    Math.max(0, voted - lost),
  );
  return { tally, voted, lost };
}

/** The roster entry a paper ballot is for, checked against the round's village. */
export async function paperEntry(store: Store, round: RoundDoc, rosterId: string) {
  const entry = await rosterEntry(store, rosterId);
  if (!entry || entry.villageId !== round.villageId)
    throw new DomainError('NOT_FOUND', '本村名册中没有这位村民');
  return entry;
}
