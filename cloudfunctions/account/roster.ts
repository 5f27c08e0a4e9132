import { createHash } from 'node:crypto';
import { accountInputs as I, planRosterImport, type RefusedRosterRow } from '../common/contracts/account';
import { DomainError } from '../common/errors';
import { requireUser, requireVillageManager, resolveVillage, users } from '../common/identity';
import { action } from '../common/router';
import { DuplicateKeyError, findAll } from '../common/store/port';
import { rosterOf, type RosterEntryDoc } from './store';

/** The resident roster: import by a cadre, and the village's members. */

export const hash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);

/** Roster rows written at once: few round trips, yet well within the database's limits. */
const ROSTER_WRITE_BATCH = 20;

export const rosterIdOf = (villageId: string, name: string, phoneLast4: string) =>
  `r${hash(villageId, name, phoneLast4)}`;

/** Runs `write` over `items` a batch at a time; each batch in parallel. */
async function inBatches<T>(items: readonly T[], size: number, write: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(write));
}

export const importRoster = action(I.importRoster, async (input, ctx) => {
  const { user, village } = await requireVillageManager(ctx.store, ctx.principal, input.villageId);
  const isTown = user.roles.includes('townAdmin');
  const importedAt = ctx.clock.now().toISOString();
  const refused: RefusedRosterRow[] = [];
  const docs = new Map<string, RosterEntryDoc>();
  // The same plan the cadre's preview showed: refused rows and repeats of the same sheet.
  const plan = planRosterImport(
    input.entries.map((e) => ({ ...e, roles: [...new Set(e.roles)] })),
    isTown,
  );
  for (const r of plan.refused) {
    refused.push({ name: r.entry.name, phoneLast4: r.entry.phoneLast4, reason: r.reason });
  }
  let skipped = plan.repeats.length;
  for (const e of plan.accepted) {
    const _id = rosterIdOf(village._id, e.name, e.phoneLast4);
    docs.set(_id, {
      _id,
      villageId: village._id,
      name: e.name,
      phoneLast4: e.phoneLast4,
      roles: e.roles,
      claimedBy: null,
      importedAt,
    });
  }
  let added = 0;
  // Ids are deterministic, so a retried import skips what the first attempt wrote.
  await inBatches([...docs.values()], ROSTER_WRITE_BATCH, async (doc) => {
    try {
      await rosterOf(ctx.store).insert(doc);
      added++;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      skipped++;
    }
  });
  return { added, skipped, refused };
});

export const listMembers = action(I.listMembers, async (input, ctx) => {
  const user = requireUser(ctx.principal);
  const village = await resolveVillage(ctx.store, ctx.principal, input.villageId);
  if (!user.roles.some((r) => r === 'cadre' || r === 'supervisor' || r === 'townAdmin')) {
    throw new DomainError('FORBIDDEN_ROLE');
  }
  const [members, rosterSize] = await Promise.all([
    findAll(users(ctx.store), { villageId: village._id }, { sort: { name: 1 } }),
    rosterOf(ctx.store).count({ villageId: village._id }),
  ]);
  return {
    members: members.map((m) => ({ name: m.name, roles: m.roles, boundAt: m.boundAt, via: m.via })),
    rosterSize,
  };
});
