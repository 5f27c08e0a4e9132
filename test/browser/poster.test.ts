import jsQR from 'jsqr';
import type { PosterView, RecordOutputs } from '../../cloudfunctions/common/contracts/record';
import { appPerFile } from './session';
import { expectText, screenshot, shownIn } from './pages';

/**
 * The door poster: a cadre opens it and prints it; the code on it is read back from the pixels
 * the page rendered, and opening what it says as a newcomer lands on joining that village (the
 * village chosen), as a resident of the village on its home. Print views carry the fingerprint:
 * the poster and the assessment sheet; the town overview shows the town's daily fingerprint.
 */
jest.setTimeout(240_000);

const app = appPerFile();

const shown = (s: string) => shownIn(app.page, s);

/**
 * The code as it shows on the screen: a screenshot of the poster's code area, drawn to a canvas
 * in the page for its pixels, decoded here (a code cut off or squeezed by the layout fails).
 */
async function decodeRenderedCode(): Promise<string> {
  await shown('#poster-code').waitFor();
  await app.page.waitForFunction(() =>
    Array.from(document.querySelectorAll('#poster-code img')).some(
      (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
    ),
  );
  const png = await shown('.poster-code-box').screenshot();
  const pixels = await app.page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, rgba: Array.from(data.data) };
  }, png.toString('base64'));
  expect(pixels.height).toBeGreaterThan(150);
  const found = jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height);
  if (!found) throw new Error('the code on the screen does not decode');
  return found.data;
}

/** Opens an address as a persona ('' for nobody signed in), as a phone's camera would hand it over. */
async function openAddressAs(persona: string, address: string) {
  await app.page.goto(`${app.runtime.url}/`);
  await app.page.evaluate((p) => localStorage.setItem('dev.persona', JSON.stringify({ data: p })), persona);
  await app.page.goto(address);
  await app.page.reload();
}

test('a cadre opens the poster; its code decodes to the village home, which a newcomer opens onto joining that village', async () => {
  const poster = await app.api<PosterView>('dev-cadre', 'record', 'poster', {});
  expect(poster.villageName).toBe('东岭村');
  await app.openAs('dev-cadre', '/record/pages/poster/index');
  await expectText(app.page, shown('#poster-village'), '东岭村');
  await expectText(app.page, shown('#poster-sheet'), '看本村党务、村务、财务公开');
  await expectText(app.page, shown('#poster-fingerprint'), poster.head!.fingerprint);
  await expectText(app.page, shown('#poster-fingerprint'), `共 ${poster.head!.seq} 条公开记录`);
  expect(await shown('#poster-fingerprint').innerText()).toMatch(/截至 \d{4}年\d{1,2}月\d{1,2}日/);
  await screenshot(app.page, 'poster-cadre.png');

  const address = await decodeRenderedCode();
  expect(address).toBe(`${app.runtime.url}/#/pages/home/index?scene=${encodeURIComponent('v=v-dongling')}`);

  // A newcomer (bound to no village) lands on joining: 东岭村 already chosen in the roster claim.
  await openAddressAs('dev-newcomer', address);
  await shown('#door-welcome').waitFor();
  await expectText(app.page, shown('#claim-village-v-dongling'), '东岭村');
  expect(await shown('#claim-village-v-dongling').getAttribute('class')).toContain('active');
  expect(await app.page.locator('#claim-form .chip.active').count()).toBe(1);
  await screenshot(app.page, 'poster-door-newcomer.png');

  // A resident of the village lands on its home.
  await openAddressAs('dev-resident', address);
  await shown('#home-fingerprint').waitFor();
  expect(await app.page.locator('#door-welcome').count()).toBe(0);
  expect(app.errors).toEqual([]);
});

test('a resident cannot open the poster', async () => {
  await expect(app.api('dev-resident', 'record', 'poster', {})).rejects.toThrow('FORBIDDEN_ROLE');
  await app.openAs('dev-resident', '/record/pages/poster/index');
  await expectText(app.page, shown('#page-record-poster'), '您没有进行此操作的权限');
  expect(await app.page.locator('#poster-code').count()).toBe(0);
});

test('the assessment sheet print view shows the village’s fingerprint with its date', async () => {
  const head = await app.api<RecordOutputs['head']>('dev-cadre', 'record', 'head', {});
  await app.openAs('dev-cadre', '/assessment/pages/print/index');
  await expectText(app.page, shown('#sheet-fingerprint'), head.head!.fingerprint);
  expect(await shown('#sheet-fingerprint').innerText()).toMatch(
    new RegExp(`截至 \\d{4}年\\d{1,2}月\\d{1,2}日，共 ${head.head!.seq} 条公开记录`),
  );
  await screenshot(app.page, 'assessment-sheet-fingerprint.png');
});

test('the town overview shows the town’s daily fingerprint once the timer has run', async () => {
  await app.runtime.tick();
  const town = await app.api<RecordOutputs['townHead']>('dev-town', 'record', 'townHead', {});
  expect(town.head).not.toBeNull();
  await app.openAs('dev-town', '/town/overview/index');
  await expectText(app.page, shown('#town-fingerprint'), town.head!.fingerprint);
  expect(await shown('#town-fingerprint').innerText()).toMatch(
    /\d{4}年\d{1,2}月\d{1,2}日记下的各村公开记录指纹/,
  );
});
