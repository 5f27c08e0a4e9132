import type { FixMove, FixStatus } from '../../common/contracts/oversight-log';

/**
 * 整改 as pure rules. A fix is open until the village reports it done; the one who found it
 * (the 村监委 for its own findings, the town for its ledger's) verifies it or reopens it.
 * Moves are immutable records; the status is their fold.
 */
export type FixRole = 'village' | 'checker';

export interface FixMoveRecord {
  seq: number;
  move: FixMove;
  note: string;
  by: string;
  at: string;
  requestId: string;
}

const FROM: Record<FixMove, { from: FixStatus; to: FixStatus; role: FixRole }> = {
  done: { from: 'open', to: 'done', role: 'village' },
  verified: { from: 'done', to: 'verified', role: 'checker' },
  reopened: { from: 'done', to: 'open', role: 'checker' },
};

export function fixStatus(moves: FixMoveRecord[]): FixStatus {
  return [...moves].sort((a, b) => a.seq - b.seq).reduce<FixStatus>((s, m) => FROM[m.move].to ?? s, 'open');
}

/** The moves a role may record on a fix in this status. */
export function movesFor(status: FixStatus, roles: FixRole[]): FixMove[] {
  return (Object.keys(FROM) as FixMove[]).filter(
    (m) => FROM[m].from === status && roles.includes(FROM[m].role),
  );
}

export function allowedMove(status: FixStatus, move: FixMove, roles: FixRole[]): boolean {
  return movesFor(status, roles).includes(move);
}

/** Open past its due date (China date keys compare as text). */
export function fixOverdue(status: FixStatus, dueOn: string | null, today: string): boolean {
  return status === 'open' && dueOn !== null && dueOn < today;
}

/** Open 整改 past their due date, per village, from the fixes and every move recorded on them. */
export function overdueFixesByVillage(
  fixes: { id: string; villageId: string; dueOn: string | null }[],
  moves: (FixMoveRecord & { fixId: string })[],
  today: string,
): Map<string, number> {
  const byFix = new Map<string, FixMoveRecord[]>();
  for (const m of moves) byFix.set(m.fixId, [...(byFix.get(m.fixId) ?? []), m]);
  const out = new Map<string, number>();
  for (const f of fixes) {
    if (fixOverdue(fixStatus(byFix.get(f.id) ?? []), f.dueOn, today))
      out.set(f.villageId, (out.get(f.villageId) ?? 0) + 1);
  }
  return out;
}
