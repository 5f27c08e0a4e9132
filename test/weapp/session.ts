import { must } from '../must';
import { standIn } from '../stand-in';
import { createWeappHarness, type LoadedPage, type WeappHarness } from './harness';

/**
 * The set-up every compiled-page test file shares. Call it once at the top of a test file: one
 * harness for the file, as `persona` (the simulator's app is loaded once per file), created before
 * the first test; after each test every page the test loaded is unloaded and the recorded cloud
 * calls and navigations are cleared, so no test sees another's page or calls.
 */
export function weappSession(persona: string, timeoutMs = 30_000): WeappHarness {
  jest.setTimeout(timeoutMs);
  let harness: WeappHarness | undefined;
  const loaded: LoadedPage[] = [];

  beforeAll(async () => {
    harness = await createWeappHarness(persona);
  });

  afterEach(() => {
    for (const page of loaded.splice(0)) page.unload();
    if (harness) {
      harness.calls.length = 0;
      harness.navigations.length = 0;
    }
  });

  const current = () => must(harness, `the harness of ${persona} (created before the first test)`);
  return standIn(current, {
    async loadPage(route: string, query?: Record<string, string>) {
      const page = await current().loadPage(route, query);
      loaded.push(page);
      return page;
    },
  });
}
