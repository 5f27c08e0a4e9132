import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { rosterEntry, rosterEntryOfPerson } from '../account/public';
import { DomainError } from '../common/errors';
import type { Ctx } from '../common/router';
import { MAX_PAGE, type Query, type Store } from '../common/store/port';
import { checkAnswers, type Answers } from './domain/indicators';
import { ballotIncrements, recountAnswers, type Tally } from './domain/tally';
import { answersOf, talliesOf, votersOf, type RoundDoc, type VoterDoc } from './store';

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
 * Used only where no secret is configured: tests and the local demo. A deployment refuses to
 * run without `SURVEY_VOTER_SECRET` (see index.ts), so this value never keys a real round.
 */
const DEVELOPMENT_SECRET = 'development only: deployments set SURVEY_VOTER_SECRET';

/** The secret voter keys are made with: configuration of the function, never data. */
export function voterSecret(): string {
  return process.env.SURVEY_VOTER_SECRET || DEVELOPMENT_SECRET;
}

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

const sealKey = (secret: string) => createHmac('sha256', secret).update('survey voter indicators').digest();

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
  const found = await Promise.all(keys.map((k) => votersOf(store).get(k)));
  return found.filter((v): v is VoterDoc => v !== null);
}

/** A random slot id, whatever id generator the host injects: order must say nothing. */
const slotId = () => randomBytes(12).toString('hex');

/** The id of a round's i-th answer slot of an indicator: a keyed hash, random-looking. */
export function slotIdAt(roundId: string, indicatorId: string, i: number, secret = voterSecret()): string {
  const h = createHmac('sha256', secret).update(`${roundId}\nslot:${indicatorId}:${i}`).digest('hex');
  return h.slice(0, 24);
}

/**
 * Empty slots per eligible person and indicator. Two, so that at most half of an indicator's
 * slots are ever filled: a slot drawn at random is empty at least every other draw, and a
 * ballot fills a slot in about 1.4 writes on average even when everyone votes.
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

/** Draws at random among a round's slots of an indicator before falling back to a query. */
const DRAWS = 8;

/** A uniformly random integer in [0, n). */
const randomBelow = (n: number) => randomBytes(4).readUInt32BE(0) % n;

/**
 * Fills one empty slot of the indicator with the option, chosen uniformly at random among the
 * empty ones, so which slot a ballot fills is independent of when it was cast. A conditional
 * write: two ballots never share one.
 *
 * - First by drawing: a slot number drawn at random among all the indicator's slots, written
 *   only if still empty (one store operation by its _id; a draw that hits a filled slot is drawn
 *   again). Drawing until an empty one is hit picks each empty slot with the same chance, and
 *   with SLOTS_PER_VOTER slots a person at least every other draw hits one.
 * - After DRAWS misses (unlikely; or a round opened with fewer slots), by a query: the first empty slot at or after a
 *   random point of the id space, wrapping round (served by the {roundId, indicatorId, option}
 *   index).
 */
async function fillSlot(store: Store, round: RoundDoc, indicatorId: string, option: string): Promise<string> {
  const slots = answersOf(store);
  const roundId = round._id;
  const n = slotCount(round.eligible[indicatorId] ?? 0);
  for (let draw = 0; draw < DRAWS && n > 0; draw++) {
    const id = slotIdAt(roundId, indicatorId, randomBelow(n));
    if (await slots.updateWhere({ _id: id, option: null }, { set: { option } })) return id;
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    const pivot = slotId();
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
    if (await slots.updateWhere({ _id: first._id, option: null }, { set: { option } })) return first._id;
  }
  throw new Error(`answer slot contention for ${indicatorId} in ${roundId}`);
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
 * - A slot write that fails is taken back the same way, so the voter can simply try again.
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
      await takeBack(ctx.store, marked, [], null);
      throw alreadyVoted();
    }
  }
  const stored: Answers = {};
  for (const i of allowed) stored[i.id] = answers[i.id] as string;
  const fills = await Promise.allSettled(
    Object.entries(stored).map(([id, option]) => fillSlot(ctx.store, round, id, option)),
  );
  const filled = fills.flatMap((f) => (f.status === 'fulfilled' ? [f.value] : []));
  const failed = fills.find((f): f is PromiseRejectedResult => f.status === 'rejected');
  if (failed) {
    await takeBack(ctx.store, marked, filled, failed.reason);
    throw failed.reason;
  }
  // An error here is ambiguous (the increment may have landed): marks and slots stay, the
  // voter hears they voted on a retry, and a recount after close counts the slots.
  const counted = await talliesOf(ctx.store).updateWhere(
    { _id: round._id, closed: { $ne: true } },
    { inc: ballotIncrements(stored) },
  );
  if (counted === 0) {
    await takeBack(ctx.store, marked, filled, null);
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
async function takeBack(store: Store, marked: string[], slots: string[], cause: unknown): Promise<void> {
  try {
    for (const id of slots) await answersOf(store).updateWhere({ _id: id }, { set: { option: null } });
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
