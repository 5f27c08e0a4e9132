import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  oversightInputs as I,
  type FixView,
  type LogEntryView,
  type OversightOutputs,
} from '../common/contracts/oversight';
import { DomainError } from '../common/errors';
import { requireUser, villages, type UserDoc, type VillageDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { townLedgerFindings } from '../assessment/public';
import { allowedMove, fixOverdue, fixStatus, movesFor, type FixRole } from './domain/fixes';
import { authorize, personasOf, type OversightAction } from './policy';
import { fixMovesOf, logOf, type FixMoveDoc, type LogDoc } from './store';

/**
 * The 村监委's 台账 and 日志: entries per village and month, and one 整改 list with the
 * village's own findings and the town's supervision-ledger findings about it.
 */

async function villageFor(ctx: Ctx, user: UserDoc, action: OversightAction, requested?: string) {
  const id = requested ?? user.villageId;
  if (!id) {
    authorize(user, action, { villageId: null, townId: user.townId });
    throw new DomainError('NOT_FOUND', '请选择要查看的村');
  }
  const village = await villages(ctx.store).get(id);
  if (!village) throw new DomainError('NOT_FOUND', '没有找到这个村');
  authorize(user, action, { villageId: id, townId: village.townId });
  return village;
}

function entryView(e: LogDoc): LogEntryView {
  return {
    id: e._id,
    kind: e.kind,
    date: e.date,
    title: e.title,
    text: e.text,
    attendees: e.attendees,
    by: e.by.name,
    at: e.at,
  };
}

export const TOWN_PREFIX = 'town:';
export const townFixId = (ledgerId: string, index: number) => `${TOWN_PREFIX}${ledgerId}:${index}`;

/** The roles the caller holds on a fix of this village: who reports it done, who checks it. */
/** Who last reported the fix done (null while it never was). */
function doneBy(moves: readonly FixMoveDoc[]): string | null {
  const done = moves.filter((m) => m.move === 'done');
  return done[done.length - 1]?.byId ?? null;
}

/**
 * The roles the user holds on a fix: the village's (a cadre) and the checker's. Nobody checks
 * their own work: whoever reported it done (a cadre also on the 村监委) is no checker of it.
 */
function fixRoles(
  user: UserDoc,
  village: VillageDoc,
  source: 'village' | 'town',
  moves: readonly FixMoveDoc[],
): FixRole[] {
  const held = personasOf(user, { villageId: village._id, townId: village.townId });
  const out: FixRole[] = [];
  if (held.includes('cadre')) out.push('village');
  const checks = source === 'village' ? held.includes('supervisor') : held.includes('town');
  if (checks && doneBy(moves) !== user._id) out.push('checker');
  return out;
}

/** Every 整改 of the village, as the caller may act on it. */
async function fixesOf(ctx: Ctx, user: UserDoc, village: VillageDoc): Promise<FixView[]> {
  const [findings, moves, town] = await Promise.all([
    findAll(logOf(ctx.store), { villageId: village._id, kind: 'finding' }, { sort: { date: 1 } }),
    findAll(fixMovesOf(ctx.store), { villageId: village._id }, { sort: { seq: 1 } }),
    townLedgerFindings(ctx.store, [village._id]),
  ]);
  const byFix = new Map<string, FixMoveDoc[]>();
  for (const m of moves) byFix.set(m.fixId, [...(byFix.get(m.fixId) ?? []), m]);
  const today = chinaDateKey(ctx.clock.now());
  const view = (
    id: string,
    source: 'village' | 'town',
    base: Pick<FixView, 'foundBy' | 'foundOn' | 'finding' | 'what' | 'owner' | 'dueOn'>,
  ): FixView => {
    const history = byFix.get(id) ?? [];
    const status = fixStatus(history);
    return {
      id,
      source,
      ...base,
      status,
      overdue: fixOverdue(status, base.dueOn, today),
      history: history.map((m) => ({ move: m.move, note: m.note, by: m.by, at: m.at })),
      can: movesFor(status, fixRoles(user, village, source, history)),
    };
  };
  return [
    ...town.map((f) =>
      view(townFixId(f.ledgerId, f.index), 'town', {
        foundBy: '镇日常监管',
        foundOn: chinaDateKey(f.filedAt),
        finding: f.finding,
        what: f.rectification,
        owner: '村两委',
        dueOn: f.deadline,
      }),
    ),
    ...findings.map((e) =>
      view(e._id, 'village', {
        foundBy: '村监委',
        foundOn: e.date,
        finding: e.title + (e.text ? `：${e.text}` : ''),
        what: e.fix?.what ?? '',
        owner: e.fix?.owner ?? '',
        dueOn: e.fix?.dueOn ?? null,
      }),
    ),
  ];
}

export async function logMonth(
  input: z.output<typeof I.logMonth>,
  ctx: Ctx,
): Promise<OversightOutputs['logMonth']> {
  const user = requireUser(ctx.principal);
  const village = await villageFor(ctx, user, 'logMonth', input.villageId);
  const [entries, fixes] = await Promise.all([
    findAll(logOf(ctx.store), { villageId: village._id, month: input.month }, { sort: { date: 1, at: 1 } }),
    fixesOf(ctx, user, village),
  ]);
  return {
    villageId: village._id,
    villageName: village.name,
    month: input.month,
    entries: entries.map(entryView),
    fixes: fixes.filter((f) => f.status !== 'verified' || f.foundOn.startsWith(input.month)),
    canWrite: personasOf(user, { villageId: village._id, townId: village.townId }).includes('supervisor'),
  };
}

export async function logAdd(
  input: z.output<typeof I.logAdd>,
  ctx: Ctx,
): Promise<OversightOutputs['logAdd']> {
  const user = requireUser(ctx.principal);
  const village = await villageFor(ctx, user, 'logAdd');
  // The log records what happened: nothing dated after today, China time.
  if (input.date > chinaDateKey(ctx.clock.now())) throw new DomainError('LOG_DATE_IN_FUTURE');
  const id = `l${createHash('sha256').update(`${village._id}\n${input.requestId}`).digest('hex').slice(0, 20)}`;
  const doc: LogDoc = {
    _id: id,
    villageId: village._id,
    townId: village.townId,
    month: input.date.slice(0, 7),
    kind: input.kind,
    date: input.date,
    title: input.title,
    text: input.text,
    attendees: input.attendees,
    fix: input.fix ?? null,
    by: { id: user._id, name: user.name },
    at: ctx.clock.now().toISOString(),
    requestId: input.requestId,
  };
  try {
    await logOf(ctx.store).insert(doc);
    return { ...entryView(doc), created: true };
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const existing = await logOf(ctx.store).get(id);
    return { ...entryView(existing ?? doc), created: false };
  }
}

async function findFix(store: Store, village: VillageDoc, fixId: string): Promise<'village' | 'town' | null> {
  if (fixId.startsWith(TOWN_PREFIX)) {
    const [, ledgerId, index] = /^town:(.+):(\d+)$/.exec(fixId) ?? [];
    const town = await townLedgerFindings(store, [village._id]);
    return town.some((f) => f.ledgerId === ledgerId && String(f.index) === index) ? 'town' : null;
  }
  const entry = await logOf(store).get(fixId);
  return entry && entry.villageId === village._id && entry.kind === 'finding' ? 'village' : null;
}

export async function fixUpdate(
  input: z.output<typeof I.fixUpdate>,
  ctx: Ctx,
): Promise<OversightOutputs['fixUpdate']> {
  const user = requireUser(ctx.principal);
  const village = await villageFor(ctx, user, 'fixUpdate', input.villageId);
  const source = await findFix(ctx.store, village, input.fixId);
  if (!source) throw new DomainError('FIX_NOT_FOUND');
  const moves = await findAll(fixMovesOf(ctx.store), { fixId: input.fixId }, { sort: { seq: 1 } });
  const retried = moves.some((m) => m.requestId === input.requestId && m.byId === user._id);
  if (!retried) {
    const roles = fixRoles(user, village, source, moves);
    // A checker who reported it done themselves is told why, not that the step is wrong.
    const ownWork = input.move !== 'done' && doneBy(moves) === user._id;
    if (ownWork && fixRoles(user, village, source, []).includes('checker'))
      throw new DomainError('FIX_OWN_WORK');
    if (!roles.length) throw new DomainError('FORBIDDEN_ROLE');
    if (!allowedMove(fixStatus(moves), input.move, roles)) throw new DomainError('FIX_WRONG_STATE');
    const seq = moves.length + 1;
    try {
      await fixMovesOf(ctx.store).insert({
        _id: `${input.fixId}#${seq}`,
        fixId: input.fixId,
        villageId: village._id,
        seq,
        move: input.move,
        note: input.note,
        by: user.name,
        byId: user._id,
        at: ctx.clock.now().toISOString(),
        requestId: input.requestId,
      });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      throw new DomainError('FIX_WRONG_STATE', '这项整改刚刚有了新的进展，请刷新后再操作');
    }
  }
  const all = await fixesOf(ctx, user, village);
  const fix = all.find((f) => f.id === input.fixId);
  if (!fix) throw new DomainError('FIX_NOT_FOUND');
  return fix;
}

/** The data of one month's workbook (the workbook itself is made only when asked for). */
export async function logExport(
  input: z.output<typeof I.logExport>,
  ctx: Ctx,
): Promise<OversightOutputs['logExport']> {
  const month = await logMonth(input, ctx);
  const { logWorkbook } = await import('./logExport');
  return logWorkbook(month);
}
