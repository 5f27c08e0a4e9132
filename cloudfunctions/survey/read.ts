import type { RoundSummary, SurveyIndicatorResult } from '../common/contracts/survey';
import { villages } from '../common/identity';
import type { Store } from '../common/store/port';
import { surveyPeriodLabel } from './domain/periods';
import { statusLabel } from './domain/stats';
import { emptyTally, outcomes, type Tally } from './domain/tally';
import { talliesOf, type RoundDoc } from './store';

/**
 * Reading a round: the round document and its kept tally, two reads whatever the number of
 * ballots. Results exist only for closed rounds.
 */
export async function tallyOf(store: Store, round: RoundDoc): Promise<Tally> {
  const t = await talliesOf(store).get(round._id);
  return t ? { ballots: t.ballots ?? 0, counts: t.counts ?? {} } : emptyTally(round.indicators);
}

export function summaryOf(round: RoundDoc, villageName: string, tally: Tally): RoundSummary {
  const validity =
    round.status === 'preparing' || round.status === 'open'
      ? round.status
      : round.valid === false
        ? 'invalid'
        : 'valid';
  const floor = round.participationFloor ?? 0;
  return {
    id: round._id,
    villageId: round.villageId,
    villageName,
    periodKey: round.periodKey,
    periodLabel: surveyPeriodLabel(round.periodKey),
    status: round.status,
    openedAt: round.openedAt,
    closesAt: round.closesAt ?? null,
    closedAt: round.closedAt,
    closedEarly: round.closedEarly ?? false,
    validity,
    validityLabel:
      validity === 'preparing'
        ? '正在准备'
        : validity === 'open'
          ? '进行中'
          : validity === 'valid'
            ? '有效'
            : `无效（参与率低于 ${Math.round(floor * 100)}%）`,
    participationFloor: floor,
    eligibleVoters: round.eligibleVoters,
    ballots: tally.ballots,
    participation: round.eligibleVoters > 0 ? tally.ballots / round.eligibleVoters : null,
    minGroup: round.minGroup,
  };
}

export function indicatorResults(round: RoundDoc, tally: Tally): SurveyIndicatorResult[] {
  if (round.status !== 'closed') return [];
  return outcomes(round.indicators, round.eligible, tally, round.minGroup).map((o) => ({
    ...o,
    statusLabel: statusLabel(o.status, o.certainty),
  }));
}

export async function villageNameOf(store: Store, villageId: string): Promise<string> {
  return (await villages(store).get(villageId))?.name ?? '';
}

export async function roundView(
  store: Store,
  round: RoundDoc,
  villageName?: string,
): Promise<{ round: RoundSummary; indicators: SurveyIndicatorResult[] }> {
  const [tally, name] = await Promise.all([
    tallyOf(store, round),
    villageName === undefined ? villageNameOf(store, round.villageId) : Promise.resolve(villageName),
  ]);
  return { round: summaryOf(round, name, tally), indicators: indicatorResults(round, tally) };
}
