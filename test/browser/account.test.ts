import type { Locator } from 'playwright-core';
import type { AccountOutputs } from '../../cloudfunctions/common/contracts/account';
import { appPerFile } from './session';

/**
 * Joining a village in the browser: only the town may appoint a village cadre, so a town admin
 * picks the village on the members page and issues a cadre invitation; a newcomer redeems it
 * on 我的 and is bound to that village as its cadre.
 */
jest.setTimeout(90_000);

const app = appPerFile();

const shown = (selector: string): Locator => app.page.locator(selector).locator('visible=true').first();

test('a town admin invites a cadre for a village and the newcomer joins with the code', async () => {
  await app.openAs('dev-town', '/cadre/members/index');
  await shown('#members-village-v-xihe').click();
  await shown('.role-check-cadre').click();
  await shown('.role-check-resident').click(); // untick the default 村民
  await shown('#invite-submit').click();
  const code = (await shown('#invitation-code').innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{8}$/);

  await app.openAs('dev-newcomer', '/pages/me/index');
  await shown('#redeem-code input').fill(code);
  await shown('#redeem-name input').fill('郑卫东');
  await shown('#redeem-submit').click();
  await shown('.role-label.role-cadre').waitFor();
  expect(await shown('#me-village').innerText()).toContain('西河村');

  const me = await app.api<AccountOutputs['me']>('dev-newcomer', 'account', 'me');
  expect(me.binding).toMatchObject({ villageId: 'v-xihe', roles: ['cadre'], name: '郑卫东' });
});

test('a cadre is not offered roles that only the town may grant', async () => {
  await app.openAs('dev-cadre', '/cadre/members/index');
  await shown('.role-check-resident').waitFor();
  expect(await app.page.locator('.role-check-cadre').count()).toBe(0);
  expect(await app.page.locator('.role-check-representative').count()).toBe(0);
  expect(await app.page.locator('#village-picker').count()).toBe(0);
});

test('a resident who joined by invitation links their roster entry: claim, a cadre approves, 我的 shows it linked', async () => {
  const inv = await app.api<AccountOutputs['createInvitation']>('dev-cadre', 'account', 'createInvitation', {
    villageId: 'v-dongling',
    roles: ['resident'],
  });
  await app.api('dev-linker', 'account', 'redeemInvitation', { code: inv.code, name: '何志远' });

  await app.openAs('dev-linker', '/pages/me/index');
  await shown('#roster-link').waitFor();
  expect(await shown('#roster-link').innerText()).toContain('核对村民名册');
  expect(await shown('#claim-village-fixed').innerText()).toContain('东岭村');
  await shown('#claim-name input').fill('何志远');
  await shown('#claim-phone input').fill('5408');
  await shown('#claim-submit').click();
  expect(await shown('#roster-link-pending').innerText()).toContain('等待村干部审核');

  await app.openAs('dev-cadre', '/cadre/members/index');
  const row = app.page.locator('.claim-row', { hasText: '何志远' }).locator('visible=true').first();
  await row.locator('.claim-approve').click();
  const modal = app.page.locator('.taro-modal__content').locator('visible=true').first();
  await modal.waitFor();
  expect(await modal.innerText()).toContain('何志远');
  await app.page.locator('.taro-model__confirm').locator('visible=true').first().click();
  await app.page
    .locator('.claim-row', { hasText: '何志远' })
    .locator('visible=true')
    .waitFor({ state: 'detached' });

  await app.openAs('dev-linker', '/pages/me/index');
  expect(await shown('#roster-link-linked').innerText()).toContain('已与本村村民名册中您的信息关联');
  expect(await app.page.locator('#claim-form').count()).toBe(0);
  const me = await app.api<AccountOutputs['me']>('dev-linker', 'account', 'me');
  expect(me).toMatchObject({ rosterLink: 'linked', binding: { name: '何志远', roles: ['resident'] } });
});
