import { PAYOUT_CATEGORY_LABELS } from '../common/contracts/payouts';
import { formatMonth } from '../common/format';
import type { Store } from '../common/store/port';
import type { PublicRecord } from '../record/public';
import { maskName } from './domain/payouts';
import { payoutVersionId, payoutVersionsOf, type PayoutVersionDoc } from './payoutStore';

/**
 * A payout list as it enters the public record chain: only what every villager sees (names
 * masked, amounts, the basis), never a household's roster id, a full name or the publisher's openid.
 */
export function payoutPublicContent(v: PayoutVersionDoc) {
  return {
    seriesId: v.seriesId,
    version: v.version,
    villageId: v.villageId,
    category: v.category,
    periodKey: v.periodKey,
    basis: v.basis,
    rows: v.rows.map((r) => ({
      recipient: maskName(r.recipient),
      household: maskName(r.household),
      amountFen: r.amountFen,
      note: r.note,
    })),
    count: v.count,
    amountFen: v.amountFen,
    reason: v.reason,
    publishedAt: v.publishedAt,
  };
}

export const payoutLabel = (v: Pick<PayoutVersionDoc, 'category' | 'periodKey'>) =>
  `${formatMonth(v.periodKey)}${PAYOUT_CATEGORY_LABELS[v.category]}发放名单`;

export function payoutRecordOf(v: PayoutVersionDoc): PublicRecord {
  return {
    villageId: v.villageId,
    townId: v.townId,
    kind: 'payout',
    recordId: v.seriesId,
    version: v.version,
    label: payoutLabel(v),
    at: v.publishedAt,
    content: payoutPublicContent(v),
  };
}

/** The public content of a version as stored now (null when it is gone): the chain's reader. */
export async function payoutContent(store: Store, seriesId: string, version: number) {
  const v = await payoutVersionsOf(store).get(payoutVersionId(seriesId, version));
  return v ? payoutPublicContent(v) : null;
}

/**
 * A payout row as another context names it (oversight: a question on a row): the list's label
 * and the row with its recipient masked, so the words never carry a full name. Null when the
 * version or the row is not there.
 */
export async function payoutRowRef(
  store: Store,
  seriesId: string,
  version: number,
  rowIndex: number,
): Promise<{ villageId: string; townId: string; label: string } | null> {
  const v = await payoutVersionsOf(store).get(payoutVersionId(seriesId, version));
  const row = v?.rows[rowIndex];
  if (!v || !row) return null;
  return {
    villageId: v.villageId,
    townId: v.townId,
    label: `${payoutLabel(v)}（第 ${rowIndex + 1} 行：${maskName(row.recipient)}）`,
  };
}
