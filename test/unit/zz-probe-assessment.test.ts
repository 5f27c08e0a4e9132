import { createAssessmentActions } from '../../cloudfunctions/assessment/actions';
import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { createRouter } from '../../cloudfunctions/common/router';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
test('probe', async () => {
  const store = nedbStore();
  await seedDemoTown(store);
  const h = createRouter(createAssessmentActions());
  const r = await h({ action: 'demonstration', input: {} }, 'dev-town', { store, clock: fixedClock('2026-11-23T02:00:00.000Z'), ids: sequentialIds('p') });
  console.log(JSON.stringify(r, null, 1));
  const s = await h({ action: 'standard', input: {} }, 'dev-town', { store, clock: fixedClock('2026-11-23T02:00:00.000Z'), ids: sequentialIds('p') });
  console.log(JSON.stringify((s as any).data.schemes.map((x: any) => [x.id, x.lockedYears]), null, 0), (s as any).data.submittedSheets, (s as any).data.years);
});
