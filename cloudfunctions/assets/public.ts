import type { Store } from '../common/store/port';
import { warningsOf, type Warnings } from './domain/summary';
import { thresholdOf } from './summary';
import { summariesOf, type AssetSummaryDoc } from './store';

/**
 * What other contexts may ask of 三资 (the monthly report, the index): a village's figures on a
 * day, read from its summary. Zeros when the village has registered nothing.
 */
export interface VillageAssetFigures extends Warnings {
  villageId: string;
  items: number;
  assetValueFen: number;
  fundsFen: number;
  resourceAreaHundredths: number;
  contracts: number;
  discrepancies: number;
  lastStocktakeOn: string | null;
  /** Months ('YYYY-MM') whose month-end funds disagree with the 财务公开 totals. */
  fundsMismatches: string[];
}

export async function assetFiguresOf(
  store: Store,
  villageId: string,
  townId: string,
  today: string,
): Promise<VillageAssetFigures> {
  const [s, thresholdFen] = await Promise.all([
    summariesOf(store).get(villageId),
    thresholdOf(store, townId),
  ]);
  return figuresFrom(villageId, s, today, thresholdFen);
}

/** A village's figures from its summary (none yet: zeros), as the report and the town view show them. */
export function figuresFrom(
  villageId: string,
  s: AssetSummaryDoc | null | undefined,
  today: string,
  thresholdFen: number,
): VillageAssetFigures {
  return {
    villageId,
    items: s?.items ?? 0,
    assetValueFen: s?.assetValueFen ?? 0,
    fundsFen: s?.fundsFen ?? 0,
    resourceAreaHundredths: s?.resourceAreaHundredths ?? 0,
    contracts: s?.contracts.length ?? 0,
    ...warningsOf(s ?? { contracts: [], open: [] }, today, thresholdFen),
    discrepancies: s?.discrepancies ?? 0,
    lastStocktakeOn: s?.lastStocktakeOn ?? null,
    fundsMismatches: s?.fundsMismatches ?? [],
  };
}

/** The public content of a 三资 record in the public record chain (record/read.ts). */
export { assetContent } from './publicRecord';
