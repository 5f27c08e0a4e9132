import { findAll, type Store } from '../common/store/port';
import { ledgersOf } from './store';

/** The survey context keeps a village's place in the 示范点 list when one of its rounds closes. */
export { keepDemonstrationSurvey } from './demonstrationKeys';

/** A finding of the town's monthly supervision ledger about one village (what others may read). */
export interface TownLedgerFinding {
  villageId: string;
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

/** Every supervision-ledger finding the town recorded about these villages, oldest month first. */
export async function townLedgerFindings(store: Store, villageIds: string[]): Promise<TownLedgerFinding[]> {
  if (!villageIds.length) return [];
  const villageId = villageIds.length === 1 ? villageIds[0] : { $in: villageIds };
  const ledgers = await findAll(ledgersOf(store), { villageId: villageId ?? null }, { sort: { month: 1 } });
  return ledgers.flatMap((l) =>
    l.findings.map((f, index) => ({
      villageId: l.villageId,
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
