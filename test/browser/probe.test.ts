import { startApp } from './harness';

test('probe', async () => {
  const app = await startApp();
  try {
    await app.openAs('dev-resident', '/pages/home/index');
    await app.page.getByText('home').first().waitFor();
    console.log(await app.page.content());
    await app.page.screenshot({ path: '/tmp/probe.png' });
  } finally { await app.close(); }
}, 60000);
