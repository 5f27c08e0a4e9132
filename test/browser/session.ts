import type { Clock } from '../../cloudfunctions/common/clock';
import { must } from '../must';
import { standIn } from '../stand-in';
import { startApp, type App } from './harness';

/**
 * The set-up every browser test file shares. Call it once at the top of a test file: the local
 * runtime over a fresh demo town and one chromium, started before the first test (on `clock`,
 * the demo's today unless given) and closed after the last. Anything more a file needs (a route,
 * a permission) goes in its own `beforeAll`, which runs after this one.
 */
export function appPerFile(clock?: Clock): App {
  let app: App | undefined;

  beforeAll(async () => {
    app = await startApp(clock);
  });

  afterAll(async () => {
    await app?.close();
  });

  return standIn(() => must(app, 'the app (started before the first test)'));
}
