import { must } from '../must';
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
  return {
    get persona() {
      return current().persona;
    },
    get navigations() {
      return current().navigations;
    },
    get calls() {
      return current().calls;
    },
    get storage() {
      return current().storage;
    },
    get templateWarnings() {
      return current().templateWarnings;
    },
    api: <T>(name: string, action: string, input: unknown, openid?: string) =>
      current().api<T>(name, action, input, openid),
    async loadPage(route, query) {
      const page = await current().loadPage(route, query);
      loaded.push(page);
      return page;
    },
  };
}
