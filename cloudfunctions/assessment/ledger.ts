import { unscoredKey } from './domain/standing';
import { chinaDateKey } from '../common/clock';
import type { LedgerRow, LedgerView } from '../common/contracts/assessment';
import { assessmentInputs as I } from '../common/contracts/assessment';
import { DomainError } from '../common/errors';
import { requireRole, requireVillageRole, villages, type UserDoc, type VillageDoc } from '../common/identity';
import { action, type Ctx } from '../common/router';
import { DuplicateKeyError, findAll, type Query, type Store } from '../common/store/port';
import { villagePage } from '../common/townPage';
import { ledgerDueOn, ledgerState } from './domain/ledger';
import { monthWords } from './domain/auto';
import { audit, pendingFor, settle, sameJson } from './audit';
import { emptySummaryFields, loadRules, sheetId } from './sheet';
import { refreshTownSummary } from './townSummary';
import { ledgersOf, summariesOf, type LedgerDoc } from './store';

/** The monthly supervision ledger (日常监管台账), kept by the town's units. */
export const ledgerActions = {
  ledger: action(I.ledger, async (input, ctx): Promise<LedgerView> => {
    const user = requireRole(ctx.principal, 'townAdmin');
    return ledgerView(ctx, user, input.month, input.unitId, { cursor: input.cursor, limit: input.limit });
  }),

  saveLedger: action(I.saveLedger, async (input, ctx): Promise<LedgerRow> => {
    const { user, village } = await requireVillageRole(
      ctx.store,
      ctx.principal,
      input.villageId,
      'townAdmin',
    );
    const year = Number(input.month.slice(0, 4));
    const now = ctx.clock.now();
    if (input.month > chinaDateKey(now).slice(0, 7)) throw new DomainError('LEDGER_FUTURE_MONTH');
    const standard = (await loadRules(ctx.store, village.townId, year)).standard;
    const unit = standard.units.find((u) => u.id === input.unitId);
    if (!unit) throw new DomainError('UNIT_UNKNOWN');
    const id = ledgerId(village._id, unit.id, input.month);
    const at = now.toISOString();
    const ledgers = ledgersOf(ctx.store);
    const stored = await ledgers.get(id);
    // A write that stopped before its audit record was stored is completed first.
    const existing = stored ? await settle(ctx.store, ledgers, stored) : null;
    const describe = (d: Pick<LedgerDoc, 'findings' | 'note'> | null) =>
      d
        ? d.findings.length
          ? d.findings.map((f) => `${f.finding}（${f.status}）`).join('；')
          : `未发现问题${d.note ? `；${d.note}` : ''}`
        : '（未报送）';
    let doc: LedgerDoc;
    if (existing && sameJson(existing.findings, input.findings) && existing.note === input.note) {
      // Unchanged (or a retry): nothing to record; the dashboard mark is made good below.
      doc = existing;
    } else {
      const rev = (existing?.rev ?? 0) + 1;
      const by = { openid: user._id, name: user.name };
      const pendingAudit = pendingFor(id, rev, [
        audit(
          ctx,
          user,
          village,
          year,
          'ledger',
          existing ? '更新监管台账' : '报送监管台账',
          `${unit.name} ${monthWords(input.month)}`,
          describe(existing),
          describe({ findings: input.findings, note: input.note }),
        ),
      ]);
      if (!existing) {
        doc = {
          _id: id,
          townId: village.townId,
          villageId: village._id,
          unitId: unit.id,
          month: input.month,
          year,
          findings: input.findings,
          note: input.note,
          firstSubmittedAt: at,
          updatedAt: at,
          by,
          rev,
          pendingAudit,
        };
        try {
          await ledgers.insert(doc);
        } catch (e) {
          if (!(e instanceof DuplicateKeyError)) throw e;
          throw new DomainError('VERSION_CONFLICT', '该台账刚被他人报送，请刷新后再试');
        }
      } else {
        const set = { findings: input.findings, note: input.note, updatedAt: at, by, rev, pendingAudit };
        // The change and its audit record in one write, if nobody wrote since it was read.
        const changed = await ledgers.updateWhere({ _id: id, updatedAt: existing.updatedAt }, { set });
        if (changed === 0) throw new DomainError('VERSION_CONFLICT', '该台账刚被他人修改，请刷新后再试');
        doc = { ...existing, ...set };
      }
    }
    // Whether it was on time is decided by the first filing, and kept for the dashboard.
    const state = ledgerState(input.month, chinaDateKey(doc.firstSubmittedAt), '') as 'onTime' | 'late';
    await ensureSummary(ctx.store, village, year, at);
    await summariesOf(ctx.store).update(sheetId(village._id, year), {
      set: { [`ledger.${input.month}.${unit.id}`]: state },
    });
    await refreshTownSummary(ctx.store, village.townId, year, now.toISOString());
    doc = await settle(ctx.store, ledgers, doc);
    return ledgerRow(doc, village, unit, input.month, chinaDateKey(now));
  }),
};

/**
 * The ledger of a month: every unit's entry for each village. With `page`, a page of the
 * town's villages (cursor paging: the page, its count and its entries, three store operations
 * at any size of town); without, every village (the workbook export).
 */
export async function ledgerView(
  ctx: Ctx,
  user: UserDoc,
  month: string,
  unitId?: string,
  page?: { cursor?: string; limit: number },
): Promise<LedgerView> {
  const year = Number(month.slice(0, 4));
  const standard = (await loadRules(ctx.store, user.townId, year)).standard;
  const units = standard.units.filter((u) => !unitId || u.id === unitId);
  const query: Query = { townId: user.townId, month };
  if (unitId) query.unitId = unitId;
  let vs: Pick<VillageDoc, '_id' | 'name'>[];
  let entries: LedgerDoc[];
  let next: string | null = null;
  let villageTotal: number;
  if (page) {
    const p = await villagePage(ctx.store, user.townId, page.cursor, page.limit);
    vs = [...p.villages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    next = p.next;
    villageTotal = p.total;
    entries = vs.length
      ? await findAll(ledgersOf(ctx.store), { ...query, villageId: { $in: vs.map((v) => v._id) } })
      : [];
  } else {
    [vs, entries] = await Promise.all([
      findAll(villages(ctx.store), { townId: user.townId }, { fields: ['name'], sort: { name: 1 } }),
      findAll(ledgersOf(ctx.store), query),
    ]);
    villageTotal = vs.length;
  }
  const today = chinaDateKey(ctx.clock.now());
  const by = new Map(entries.map((e) => [e._id, e]));
  const rows: LedgerRow[] = [];
  for (const u of units) {
    for (const v of vs)
      rows.push(ledgerRow(by.get(ledgerId(v._id, u.id, month)) ?? null, v, u, month, today));
  }
  return { month, dueOn: ledgerDueOn(month), units: standard.units, rows, next, villageTotal };
}

const ledgerId = (villageId: string, unitId: string, month: string) => `${villageId}.${unitId}.${month}`;

function ledgerRow(
  doc: LedgerDoc | null,
  village: Pick<VillageDoc, '_id' | 'name'>,
  unit: { id: string; name: string },
  month: string,
  today: string,
): LedgerRow {
  return {
    villageId: village._id,
    villageName: village.name,
    unitId: unit.id,
    unitName: unit.name,
    state: ledgerState(month, doc ? chinaDateKey(doc.firstSubmittedAt) : null, today),
    submittedAt: doc?.firstSubmittedAt ?? null,
    findings: doc?.findings ?? [],
    note: doc?.note ?? '',
    byName: doc?.by.name ?? null,
  };
}

async function ensureSummary(
  store: Store,
  village: Pick<VillageDoc, '_id' | 'townId'>,
  year: number,
  now: string,
) {
  const id = sheetId(village._id, year);
  if (await summariesOf(store).get(id)) return;
  await summariesOf(store)
    .insert({
      _id: id,
      townId: village.townId,
      villageId: village._id,
      year,
      ...emptySummaryFields(now),
      ledger: {},
      // Nothing scored: on the board after every scored village.
      orderKey: unscoredKey(village._id),
    })
    .catch((e) => {
      if (!(e instanceof DuplicateKeyError)) throw e;
    });
}
