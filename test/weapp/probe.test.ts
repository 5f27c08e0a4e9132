import { createWeappHarness } from './harness';

test('probe', async () => {
  const h = await createWeappHarness();
  const p = await h.loadPage('pages/home/index');
  await p.waitForText('home');
  const el = p.root.querySelector('wx-button') as any;
  console.log(Object.keys(el), !!el.__wxElement, el.__wxElement && Object.keys(el.__wxElement).slice(0,30));
  console.log(!!p.root.querySelector(':is(.main--page,.comp--page)'));
  console.log(el.__wxElement.id, el.__wxElement.__domElement === el);
}, 60000);
