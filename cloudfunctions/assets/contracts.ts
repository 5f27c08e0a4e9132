import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  CONTRACT_KIND_LABELS,
  assetsInputs as I,
  type AssetsOutputs,
  type ContractView,
} from '../common/contracts/assets';
import { DomainError } from '../common/errors';
import type { UserDoc } from '../common/identity';
import type { Ctx } from '../common/router';
import { findAll } from '../common/store/port';
import { seesFullNames } from '../common/villagePolicy';
import { disclosureVersionRef } from '../disclosure/public';
import { requirePassedDecision } from './decision';
import { needsDecision, publicCounterparty, termState, termsProblem } from './domain/contracts';
import { receivableState } from './domain/receivables';
import { authorize } from './policy';
import { publishContract, publishOutcome } from './publicRecord';
import { followContract, notInFuture } from './register';
import { refreshVillage, thresholdOf } from './summary';
import {
  contractsOf,
  insertOnce,
  itemsOf,
  receivablesOf,
  type ContractDoc,
  type ReceivableDoc,
} from './store';

/** Contracts (租赁、承包、土地流转), each tied to its decision, and the payments they make due. */

export function contractView(
  c: ContractDoc,
  receivables: ReceivableDoc[],
  today: string,
  viewer: Pick<UserDoc, 'roles' | 'villageId'>,
): ContractView {
  return {
    id: c._id,
    code: c.code,
    kind: c.kind,
    itemId: c.itemId,
    itemName: c.itemName,
    counterparty: seesFullNames(viewer, c.villageId)
      ? c.counterparty.name
      : publicCounterparty(c.counterparty.kind, c.counterparty.name),
    counterpartyKind: c.counterparty.kind,
    startOn: c.startOn,
    endOn: c.endOn,
    amountFen: c.amountFen,
    depositFen: c.depositFen,
    decisionId: c.decisionId,
    decisionTitle: c.decisionTitle,
    vacatedOn: c.vacatedOn,
    term: termState(c.endOn, c.vacatedOn, today),
    receivables: receivables
      .sort((a, b) => a.index - b.index)
      .map((r) => ({
        id: r._id,
        contractId: r.contractId,
        index: r.index,
        dueOn: r.dueOn,
        amountFen: r.amountFen,
        state: receivableState(
          { dueOn: r.dueOn, receivedOn: r.receivedOn, waivedOn: r.waiver?.on ?? null },
          today,
        ),
        receivedOn: r.receivedOn,
        financeLine: r.financeLine,
        waiver: r.waiver,
      })),
  };
}

async function reply(ctx: Ctx, c: ContractDoc, viewer: UserDoc): Promise<ContractView> {
  const rs = await findAll(receivablesOf(ctx.store), { contractId: c._id });
  return contractView(c, rs, chinaDateKey(ctx.clock.now()), viewer);
}

export async function createContract(
  input: z.output<typeof I.createContract>,
  ctx: Ctx,
): Promise<AssetsOutputs['createContract']> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', input.villageId);
  const id = `${village._id}:${input.code}`;
  const existing = await contractsOf(ctx.store).get(id);
  if (existing) {
    if (existing.requestId !== input.requestId) throw new DomainError('CONTRACT_EXISTS');
    await publishContract(ctx.store, existing._id);
    return reply(ctx, existing, user);
  }
  const item = await itemsOf(ctx.store).get(input.itemId);
  if (!item || item.villageId !== village._id)
    throw new DomainError('NOT_FOUND', '没有找到本村的这个登记项目');
  if (item.status === 'disposed') throw new DomainError('ITEM_DISPOSED');
  if (item.kind === 'funds') throw new DomainError('NOT_LEASABLE');
  const problem = termsProblem(input);
  if (problem) throw new DomainError(problem);
  const threshold = await thresholdOf(ctx.store, village.townId);
  if (!input.decisionId && needsDecision(input.kind, input.amountFen, threshold))
    throw new DomainError(
      'DECISION_REQUIRED',
      input.kind === 'landTransfer'
        ? '土地流转须经村民代表会议（村民会议）决议，请选择已通过的决策事项'
        : `合同金额达到镇定标准（${threshold / 100} 元）的，须经村民代表会议（村民会议）决议，请选择已通过的决策事项`,
    );
  const decision = input.decisionId
    ? await requirePassedDecision(ctx, village._id, input.decisionId, input.startOn)
    : null;
  const at = ctx.clock.now().toISOString();
  // The receivables first: a contract is visible only once everything it makes due exists.
  for (const [index, p] of input.schedule.entries())
    await insertOnce(receivablesOf(ctx.store), {
      _id: `${id}.${index + 1}`,
      villageId: village._id,
      contractId: id,
      index: index + 1,
      dueOn: p.dueOn,
      amountFen: p.amountFen,
      receivedOn: null,
      financeLine: null,
      paymentRequestId: null,
      waiver: null,
      settledBy: null,
      settledAt: null,
    });
  const doc: ContractDoc = {
    _id: id,
    villageId: village._id,
    townId: village.townId,
    requestId: input.requestId,
    code: input.code,
    kind: input.kind,
    itemId: item._id,
    itemName: item.name,
    counterparty: input.counterparty,
    startOn: input.startOn,
    endOn: input.endOn,
    amountFen: input.amountFen,
    depositFen: input.depositFen,
    decisionId: decision?.id ?? null,
    decisionTitle: decision?.title ?? null,
    note: input.note,
    vacatedOn: null,
    by: { openid: user._id, name: user.name },
    at,
  };
  if (!(await insertOnce(contractsOf(ctx.store), doc))) {
    const raced = await contractsOf(ctx.store).get(id);
    if (!raced || raced.requestId !== input.requestId) throw new DomainError('CONTRACT_EXISTS');
  }
  await publishContract(ctx.store, id);
  await followContract(
    ctx,
    item._id,
    'leased',
    input.startOn,
    `c-${input.code}`,
    `签订${CONTRACT_KIND_LABELS[input.kind]}合同（${input.code}）`,
    doc.by,
  );
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return reply(ctx, doc, user);
}

async function loadReceivable(ctx: Ctx, id: string) {
  const r = await receivablesOf(ctx.store).get(id);
  if (!r) throw new DomainError('NOT_FOUND', '没有找到这一期应收款');
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', r.villageId);
  const contract = await contractsOf(ctx.store).get(r.contractId);
  if (!contract) throw new DomainError('NOT_FOUND', '没有找到这份合同');
  return { r, user, village, contract };
}

/**
 * Settles an open receivable (paid or waived) in one write that only an open one matches: two
 * cadres at once cannot both settle it.
 */
async function settleOnce(
  ctx: Ctx,
  id: string,
  user: Pick<UserDoc, '_id' | 'name'>,
  settlement: Partial<Pick<ReceivableDoc, 'receivedOn' | 'financeLine' | 'paymentRequestId' | 'waiver'>>,
): Promise<void> {
  const n = await receivablesOf(ctx.store).updateWhere(
    { _id: id, receivedOn: null, waiver: null },
    {
      set: {
        ...settlement,
        settledBy: { openid: user._id, name: user.name },
        settledAt: ctx.clock.now().toISOString(),
      },
    },
  );
  if (n === 0) throw new DomainError('ALREADY_SETTLED');
}

/** A payment received, against the 财务公开 line it appears in (as the cadre names it). */
export async function recordPayment(
  input: z.output<typeof I.recordPayment>,
  ctx: Ctx,
): Promise<AssetsOutputs['recordPayment']> {
  const { r, user, village, contract } = await loadReceivable(ctx, input.receivableId);
  if (r.paymentRequestId !== input.requestId) {
    if (r.receivedOn || r.waiver) throw new DomainError('ALREADY_SETTLED');
    notInFuture(input.receivedOn, ctx);
    if (input.amountFen !== r.amountFen) throw new DomainError('AMOUNT_MISMATCH');
    // The money must be in the village's accounts: an income line of its own 财务公开.
    const { seriesId, version, lineIndex } = input.financeLine;
    const line = await disclosureVersionRef(ctx.store, seriesId, version);
    if (!line || line.villageId !== village._id || line.itemDirections[lineIndex] !== 'income')
      throw new DomainError('FINANCE_LINE_INVALID');
    await settleOnce(ctx, r._id, user, {
      receivedOn: input.receivedOn,
      financeLine: input.financeLine,
      paymentRequestId: input.requestId,
    });
  }
  await publishOutcome(ctx.store, r._id);
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return reply(ctx, contract, user);
}

/** A receivable waived (减免): only with a reason and a passed decision. */
export async function waive(input: z.output<typeof I.waive>, ctx: Ctx): Promise<AssetsOutputs['waive']> {
  const { r, user, village, contract } = await loadReceivable(ctx, input.receivableId);
  if (r.receivedOn || r.waiver) {
    // A retry of a waiver whose entry a crash left unwritten completes it.
    if (r.waiver) await publishOutcome(ctx.store, r._id);
    throw new DomainError('ALREADY_SETTLED');
  }
  notInFuture(input.on, ctx);
  await requirePassedDecision(ctx, village._id, input.decisionId, input.on);
  await settleOnce(ctx, r._id, user, {
    waiver: { on: input.on, reason: input.reason, decisionId: input.decisionId },
  });
  await publishOutcome(ctx.store, r._id);
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return reply(ctx, contract, user);
}

/** The object handed back (退还、交回): the contract no longer occupies it. */
export async function recordVacated(
  input: z.output<typeof I.recordVacated>,
  ctx: Ctx,
): Promise<AssetsOutputs['recordVacated']> {
  const c = await contractsOf(ctx.store).get(input.contractId);
  if (!c) throw new DomainError('NOT_FOUND', '没有找到这份合同');
  const { user, village } = await authorize(ctx.store, ctx.principal, 'manage', c.villageId);
  if (c.vacatedOn) throw new DomainError('ALREADY_VACATED');
  notInFuture(input.on, ctx);
  if (input.on < c.startOn) throw new DomainError('TERM_INVALID', '交回日期不能早于合同起始日');
  await contractsOf(ctx.store).update(c._id, { set: { vacatedOn: input.on } });
  const others = await contractsOf(ctx.store).find(
    { itemId: c.itemId, vacatedOn: null },
    { fields: ['_id'] },
  );
  if (!others.some((o) => o._id !== c._id))
    await followContract(ctx, c.itemId, 'idle', input.on, `v-${c.code}`, `合同（${c.code}）交回`, {
      openid: user._id,
      name: user.name,
    });
  await refreshVillage(ctx.store, village._id, village.townId, ctx.clock.now());
  return reply(ctx, { ...c, vacatedOn: input.on }, user);
}

/** A village's contracts with what each made due and what was received. */
export async function contracts(
  input: z.output<typeof I.contracts>,
  ctx: Ctx,
): Promise<AssetsOutputs['contracts']> {
  const { user, village } = await authorize(ctx.store, ctx.principal, 'read', input.villageId);
  const today = chinaDateKey(ctx.clock.now());
  const [cs, rs] = await Promise.all([
    findAll(contractsOf(ctx.store), { villageId: village._id }, { sort: { startOn: -1 } }),
    findAll(receivablesOf(ctx.store), { villageId: village._id }),
  ]);
  return {
    villageName: village.name,
    asOf: today,
    contracts: cs.map((c) =>
      contractView(
        c,
        rs.filter((r) => r.contractId === c._id),
        today,
        user,
      ),
    ),
  };
}
