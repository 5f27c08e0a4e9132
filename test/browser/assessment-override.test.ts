import type { Locator } from 'playwright-core';
import type { Dashboard, SheetView } from '../../cloudfunctions/common/contracts/assessment';
import { appPerFile } from './session';
import { expectText as expectTextOn } from './pages';
import { must } from '../must';

/**
 * The town's 定级 with another tier than the score gives (H5 build against the local runtime,
 * seeded demo town): the tier is picked on the confirm card, a reason of the contract's length is
 * required, and the confirmed tier is the one picked. The page UI acts; the API only reads.
 */
jest.setTimeout(120_000);

const app = appPerFile();

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();
const expectText = (locator: Locator, text: string) => expectTextOn(app.page, locator, text);

/** A village's sheet the town admin can confirm now, with tiers above and below the score's to pick. */
async function confirmable(): Promise<{
  sheet: SheetView;
  lower: SheetView['tiers'][number];
  higher: SheetView['tiers'][number];
}> {
  const dashboard = await app.api<Dashboard>('dev-town', 'assessment', 'dashboard');
  for (const v of dashboard.villages) {
    const sheet = await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId: v.villageId });
    const at = sheet.tiers.findIndex((t) => t.key === sheet.computedTier.key);
    const lower = at >= 0 ? sheet.tiers[at + 1] : undefined;
    const higher = at >= 1 ? sheet.tiers[at - 1] : undefined;
    if (sheet.can.confirm && lower && higher) return { sheet, lower, higher };
  }
  throw new Error('the demo town has no sheet to confirm with a lower tier');
}

describe('清廉村居 定级 with another tier', () => {
  test('the town admin picks another tier: above the score refused, a 2-character reason refused, a real one confirms the lower tier', async () => {
    const { sheet, lower, higher } = await confirmable();
    const villageId = sheet.village.id;
    await app.openAs('dev-town', `/assessment/pages/sheet/index?villageId=${villageId}`);

    // The score's tier is preselected and named on the button; no reason is asked for it.
    await expectText(
      shown(`#tier-${must(sheet.computedTier.key, 'the computed tier')}.active`),
      sheet.computedTier.label,
    );
    await expectText(shown('#sheet-confirm'), `确认定为${sheet.computedTier.label}`);
    expect(await app.page.locator('#confirm-reason').locator('visible=true').count()).toBe(0);

    // A tier above the score passes the page but the server refuses it, said as the page says others.
    await shown(`#tier-${higher.key}`).click();
    await shown('#confirm-reason textarea').fill('全村表现突出，群众满意度高');
    await shown('#sheet-confirm').click();
    await expectText(shown('.taro-modal__content'), `定为${higher.label}`);
    await shown('.taro-model__confirm').click();
    await expectText(shown('#sheet-message'), `未达到${higher.label}的分数线（${higher.minScore} 分）`);
    expect((await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId })).confirmed).toBeNull();

    await shown(`#tier-${lower.key}`).click();
    await expectText(shown('#sheet-confirm'), `确认定为${lower.label}`);
    await shown('#confirm-reason textarea').fill('不符');
    await shown('#sheet-confirm').click();
    await expectText(shown('.field-reason .field-error'), '理由至少 5 个字');
    expect(await app.page.locator('.taro-modal__content').locator('visible=true').count()).toBe(0);
    const still = await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId });
    expect(still.confirmed).toBeNull();

    await shown('#confirm-reason textarea').fill('走访发现村务公开不及时，群众反映较多，降一档');
    await shown('#sheet-confirm').click();
    await expectText(shown('.taro-modal__content'), `定为${lower.label}`);
    await expectText(shown('.taro-modal__content'), `按评分为${sheet.computedTier.label}`);
    await shown('.taro-model__confirm').click();
    await expectText(shown('#sheet-state'), '已定级');
    await expectText(shown('#sheet-tier'), lower.label);

    const graded = await app.api<SheetView>('dev-town', 'assessment', 'sheet', { villageId });
    expect(graded.confirmed?.key).toBe(lower.key);
    expect(graded.confirmed?.reason).toBe('走访发现村务公开不及时，群众反映较多，降一档');
  });
});
