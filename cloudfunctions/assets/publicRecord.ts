import { CHANGE_KIND_LABELS, CONTRACT_KIND_LABELS } from '../common/contracts/assets';
import { findAll, type Store } from '../common/store/port';
import { appendPublic, isInChain, type PublicRecord } from '../record/public';
import { publicCounterparty } from './domain/contracts';
import {
  changesOf,
  contractsOf,
  itemsOf,
  receivablesOf,
  type ChangeDoc,
  type ContractDoc,
  type ItemDoc,
  type ReceivableDoc,
} from './store';

/**
 * The public record of 三资: every change entry of the register (acquisitions, disposals,
 * revaluations, changes of use), every contract's terms, and every receivable's outcome (received
 * against a 财务公开 line, or waived with its decision) enter the village's public record chain.
 * The content is what a villager may read: a private counterparty by surname only, never who
 * recorded it (openids), never a contract's internal note. Only fields that never change are
 * hashed (a contract's hand-back and its payments are entries of their own).
 *
 * Record ids carry their sort (`change:`, `contract:`, `receivable:`), since contracts and items
 * share the shape of their ids.
 */

type Kind = 'change' | 'contract' | 'receivable';
const idOf = (kind: Kind, id: string) => `${kind}:${id}`;

function changeContent(c: ChangeDoc, item: ItemDoc) {
  return {
    changeId: c._id,
    itemId: item._id,
    itemCode: item.code,
    itemName: item.name,
    kind: c.kind,
    on: c.on,
    reason: c.reason,
    decisionId: c.decisionId,
    valueFen: c.valueFen,
    areaHundredths: c.areaHundredths,
    status: c.status,
    recordedAt: c.at,
  };
}

function contractContent(c: ContractDoc, schedule: ReceivableDoc[]) {
  return {
    contractId: c._id,
    code: c.code,
    kind: c.kind,
    itemId: c.itemId,
    itemName: c.itemName,
    counterparty: publicCounterparty(c.counterparty.kind, c.counterparty.name),
    counterpartyKind: c.counterparty.kind,
    startOn: c.startOn,
    endOn: c.endOn,
    amountFen: c.amountFen,
    depositFen: c.depositFen,
    decisionId: c.decisionId,
    decisionTitle: c.decisionTitle,
    schedule: [...schedule]
      .sort((a, b) => a.index - b.index)
      .map((r) => ({ index: r.index, dueOn: r.dueOn, amountFen: r.amountFen })),
    signedAt: c.at,
  };
}

function outcomeContent(r: ReceivableDoc, c: ContractDoc) {
  return {
    receivableId: r._id,
    contractId: c._id,
    contractCode: c.code,
    index: r.index,
    dueOn: r.dueOn,
    amountFen: r.amountFen,
    receivedOn: r.receivedOn,
    financeLine: r.financeLine,
    waiver: r.waiver,
    settledAt: r.settledAt,
  };
}

async function append(store: Store, rec: PublicRecord): Promise<void> {
  // Read first: a retry that finds its entry writes nothing.
  if (await isInChain(store, rec.villageId, rec.kind, rec.recordId, rec.version)) return;
  await appendPublic(store, rec);
}

/** Appends a change entry of the register (once). */
export async function publishChange(store: Store, changeId: string): Promise<void> {
  const c = await changesOf(store).get(changeId);
  const item = c ? await itemsOf(store).get(c.itemId) : null;
  if (!c || !item) return;
  await append(store, {
    villageId: item.villageId,
    townId: item.townId,
    kind: 'asset',
    recordId: idOf('change', c._id),
    version: 1,
    label: `${item.name}（${CHANGE_KIND_LABELS[c.kind]}）`,
    at: c.at,
    content: changeContent(c, item),
  });
}

const scheduleOf = (store: Store, contractId: string) => findAll(receivablesOf(store), { contractId });

/** Appends a contract's terms (once). */
export async function publishContract(store: Store, contractId: string): Promise<void> {
  const c = await contractsOf(store).get(contractId);
  if (!c) return;
  await append(store, {
    villageId: c.villageId,
    townId: c.townId,
    kind: 'asset',
    recordId: idOf('contract', c._id),
    version: 1,
    label: `${CONTRACT_KIND_LABELS[c.kind]}合同（${c.code}）`,
    at: c.at,
    content: contractContent(c, await scheduleOf(store, c._id)),
  });
}

/** Appends a receivable's outcome once it is received or waived (once). */
export async function publishOutcome(store: Store, receivableId: string): Promise<void> {
  const r = await receivablesOf(store).get(receivableId);
  const c = r ? await contractsOf(store).get(r.contractId) : null;
  if (!r || !c || !r.settledAt || (!r.receivedOn && !r.waiver)) return;
  await append(store, {
    villageId: c.villageId,
    townId: c.townId,
    kind: 'asset',
    recordId: idOf('receivable', r._id),
    version: 1,
    label: `${CONTRACT_KIND_LABELS[c.kind]}合同（${c.code}）第${r.index}期${r.waiver ? '减免' : '收款'}`,
    at: r.settledAt,
    content: outcomeContent(r, c),
  });
}

/** The public content of an asset record as stored now (null when it is gone or not yet settled). */
export async function assetContent(store: Store, recordId: string): Promise<unknown | null> {
  const at = recordId.indexOf(':');
  const kind = recordId.slice(0, at);
  const id = recordId.slice(at + 1);
  if (kind === 'change') {
    const c = await changesOf(store).get(id);
    const item = c ? await itemsOf(store).get(c.itemId) : null;
    return c && item ? changeContent(c, item) : null;
  }
  if (kind === 'contract') {
    const c = await contractsOf(store).get(id);
    return c ? contractContent(c, await scheduleOf(store, c._id)) : null;
  }
  if (kind === 'receivable') {
    const r = await receivablesOf(store).get(id);
    const c = r ? await contractsOf(store).get(r.contractId) : null;
    return r && c && (r.receivedOn || r.waiver) ? outcomeContent(r, c) : null;
  }
  return null;
}
