import { findAll, type Store } from '../common/store/port';
import { ledgersOf } from './store';

/** A finding of the town's monthly supervision ledger about one village (what others may read). */
export interface TownLedgerFinding {
  /** Stable: the ledger record and the finding's place in it. */
  ledgerId: string;
  index: number;
  unitId: string;
  month: string;
  finding: string;
  rectification: string;
  deadline: string | null;
  /** When the ledger record was first filed (ISO). */
  filedAt: string;
}

/** Every supervision-ledger finding the town recorded about a village, oldest month first. */
export async function townLedgerFindings(store: Store, villageId: string): Promise<TownLedgerFinding[]> {
  const ledgers = await findAll(ledgersOf(store), { villageId }, { sort: { month: 1 } });
  return ledgers.flatMap((l) =>
    l.findings.map((f, index) => ({
      ledgerId: l._id,
      index,
      unitId: l.unitId,
      month: l.month,
      finding: f.finding,
      rectification: f.rectification ?? '',
      deadline: f.deadline ?? null,
      filedAt: l.firstSubmittedAt,
    })),
  );
}
