import { dashboardActions } from './dashboardView';
import { demonstrationActions } from './demonstrationView';
import { productSources, type Sources } from './ports';
import { ledgerActions } from './ledger';
import { sheetActions } from './sheets';
import { standardActions } from './standards';
import { townViewActions } from './townViews';

/**
 * The assessment's actions, one module per feature: standards and tier schemes
 * (standards.ts), the village's sheet and its review (sheets.ts), the town's overviews
 * (dashboardView.ts, demonstrationView.ts, townViews.ts) and the supervision ledger (ledger.ts); who may do what is in policy.ts.
 * `sources` reads the other contexts' data (tests pass fakes).
 */
export function createAssessmentActions(sources: Sources = productSources) {
  return {
    ...standardActions,
    ...sheetActions(sources),
    ...townViewActions(sources),
    ...dashboardActions(),
    ...demonstrationActions(),
    ...ledgerActions,
  };
}

export const assessmentActions = createAssessmentActions();
