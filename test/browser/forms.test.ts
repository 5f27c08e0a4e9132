import type { AccountOutputs } from '../../cloudfunctions/common/contracts/account';
import type { DisclosureSummary } from '../../cloudfunctions/common/contracts/disclosure';
import { appPerFile } from './session';
import { expectText, shownIn } from './pages';

/**
 * Forms on a phone: a message clears as soon as its field is fixed; dates are picked from a wheel,
 * never typed; an invitation code is copied with one tap; publishing and approving a claim ask
 * once; the roster preview shows exactly what the import then does, each refused row with why.
 */
jest.setTimeout(180_000);

const app = appPerFile();

beforeAll(async () => {
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.runtime.url });
});

const shown = (s: string) => shownIn(app.page, s);
const errorOf = (field: string) => app.page.locator(`.field-${field} .field-error`).locator('visible=true');
const modal = () => app.page.locator('.taro-modal__content').locator('visible=true');

async function answerModal(answer: 'confirm' | 'cancel', title: string) {
  await expectText(app.page, modal().first(), title);
  await app.page.locator(`.taro-model__${answer}`).locator('visible=true').first().click();
  await modal().first().waitFor({ state: 'hidden' });
}

test('a message goes away once its field is fixed, and only that one', async () => {
  await app.openAs('dev-newcomer', '/pages/me/index');
  await shown('#redeem-submit').click();
  await errorOf('code').waitFor();
  await errorOf('name').waitFor();
  await shown('#redeem-code input').fill('K7M2');
  await expectText(app.page, errorOf('code'), '8 位'); // still wrong: the message stays (updated)
  await shown('#redeem-code input').fill('K7M2Q9XA');
  await errorOf('code').waitFor({ state: 'detached' });
  expect(await errorOf('name').count()).toBe(1); // the name is still empty
  await shown('#redeem-name input').fill('郑卫东');
  await errorOf('name').waitFor({ state: 'detached' });

  // The publish form: "标题至少 2 个字" goes once the title is filled.
  await app.openAs('dev-cadre', '/cadre/publish/index');
  await shown('#form-category-affairs').click();
  await shown('#publish-submit').click();
  await expectText(app.page, errorOf('title').first(), '标题');
  await expectText(app.page, shown('.form-error'), '标红');
  await shown('#form-title input').fill('东岭村2026年第三季度村务公开');
  await errorOf('title').first().waitFor({ state: 'detached' });
  await app.page.locator('.form-error').locator('visible=true').first().waitFor({ state: 'detached' });
});

test('a major matter date is picked on a wheel and shown in Chinese; publishing asks once', async () => {
  const title = '关于村部修缮的公告';
  await app.openAs('dev-cadre', '/cadre/publish/index');
  await shown('#form-category-affairs').click();
  await shown('#form-title input').fill(title);
  await shown('#form-major').click();
  // No text box for the date: a tap opens the picker.
  expect(await app.page.locator('#form-occurred input').count()).toBe(0);
  await expectText(app.page, shown('#form-occurred'), '点此选择日期');
  await shown('#publish-submit').click();
  await expectText(app.page, errorOf('occurredOn').first(), '发生（决定）日期');
  await shown('#form-occurred').click();
  await app.page.locator('.nut-picker-confirm-btn').locator('visible=true').first().click();
  await expectText(app.page, shown('#form-occurred'), '2026年11月23日');
  await errorOf('occurredOn').first().waitFor({ state: 'detached' });

  // 再想想: nothing is published, the form stays as it was.
  await shown('#publish-submit').click();
  await answerModal('cancel', '确认发布');
  expect(await shown('#form-title input').inputValue()).toBe(title);
  const before = await app.api<{ items: DisclosureSummary[] }>('dev-cadre', 'disclosure', 'list', {
    category: 'affairs',
  });
  expect(before.items.map((d) => d.title)).not.toContain(title);

  await shown('#publish-submit').click();
  await answerModal('confirm', '发布后全村可见');
  await expectText(app.page, shown('#detail-title'), title);
  const after = await app.api<{ items: DisclosureSummary[] }>('dev-cadre', 'disclosure', 'list', {
    category: 'affairs',
  });
  expect(after.items.filter((d) => d.title === title)).toHaveLength(1);
});

test('an invitation code is copied with one tap', async () => {
  await app.openAs('dev-cadre', '/cadre/members/index');
  await shown('#invite-submit').click();
  const code = (await shown('#invitation-code').innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await shown('#invitation-copy').click();
  await expect(app.page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(code);
});

test('approving a claim asks once; cancelling leaves it pending', async () => {
  await app.api('dev-newcomer', 'account', 'claimRoster', {
    villageId: 'v-dongling',
    name: '马秀英',
    phoneLast4: '3721',
  });
  await app.openAs('dev-cadre', '/cadre/members/index');
  const approve = shown('.claim-row .claim-approve');
  await approve.click();
  await answerModal('cancel', '通过认领');
  const pending = await app.api<AccountOutputs['listClaims']>('dev-cadre', 'account', 'listClaims', {});
  expect(pending.claims.map((c) => c.name)).toContain('马秀英');

  await approve.click();
  await answerModal('confirm', '马秀英');
  await expectText(app.page, shown('#claims-review'), '没有待审核的认领');
  const me = await app.api<AccountOutputs['me']>('dev-newcomer', 'account', 'me');
  expect(me.binding).toMatchObject({ villageId: 'v-dongling', name: '马秀英' });
});

test('the roster preview shows exactly what the import does, each refused row with why', async () => {
  const before = await app.api<AccountOutputs['listMembers']>('dev-cadre', 'account', 'listMembers', {});
  await app.openAs('dev-cadre', '/cadre/members/index');
  await shown('#roster-text textarea').fill(
    [
      '姓名\t手机后四位\t身份',
      '周桂兰\t1357\t村民',
      '钱进\t2468\t村民代表',
      '孙丽\t3579\t党员',
      '周桂兰\t1357\t村民',
      '李\t1111',
    ].join('\n'),
  );
  await shown('#roster-preview').click();
  await expectText(app.page, shown('#roster-preview-summary'), '共 5 行，可导入 2 行，3 行不会导入');
  const row = (line: number) => shown(`#roster-preview-table .roster-preview-row[data-line="${line}"]`);
  await expectText(app.page, row(3), '村民代表须由镇管理员导入');
  expect(await row(3).getAttribute('data-outcome')).toBe('refused');
  await expectText(app.page, row(5), '与第2行是同一人');
  await expectText(app.page, row(6), '姓名应为 2 到 20 个字');
  expect(await row(2).getAttribute('data-outcome')).toBe('import');
  expect(await row(4).getAttribute('data-outcome')).toBe('import');
  await expectText(app.page, shown('#roster-import-submit'), '导入 2 人');

  await shown('#roster-import-submit').click();
  await expectText(app.page, shown('#roster-result'), '新增 2 人');
  expect(await shown('#roster-result').innerText()).not.toContain('未导入');
  const after = await app.api<AccountOutputs['listMembers']>('dev-cadre', 'account', 'listMembers', {});
  expect(after.rosterSize - before.rosterSize).toBe(2);
});

test('no page threw an uncaught error along the way', () => {
  expect(app.errors).toEqual([]);
});
