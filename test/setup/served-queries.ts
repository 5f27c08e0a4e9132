/**
 * Every query the handlers make in the handler tests, checked against the declared indexes
 * (`cloudfunctions/common/store/indexes.ts`): the embedded store reports each query it runs,
 * the queries made while a handler runs (every router is wrapped to mark its calls) are
 * recorded, and a handler test file fails when one of them is served by no declared index (on
 * the cloud database it would scan its collection). What a test reads itself to inspect the
 * store is not a handler's query. Loaded for every test file of the unit project; only the
 * handler tests' files are checked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isServed } from '../../cloudfunctions/common/store/indexes';
import { nedbHooks } from '../../cloudfunctions/common/store/nedb';

const inHandler = new AsyncLocalStorage<boolean>();

/**
 * Whole-collection reads some handlers still make, known and left to their contexts: each is
 * a scan on the cloud database and should become a query by village or town (or a summary
 * kept on write). A new one fails the test.
 */
const KNOWN_SCANS = new Set([
  'assessmentAudit {}',
  'assessmentSheets {}',
  'assessmentSummaries {}',
  'supervisionLedger {}',
  // account.villages without a town (who is not bound yet picks their village).
  'villages {}',
]);

jest.mock('../../cloudfunctions/common/router', () => {
  const actual = jest.requireActual<typeof import('../../cloudfunctions/common/router')>(
    '../../cloudfunctions/common/router',
  );
  return {
    ...actual,
    createRouter: (...args: Parameters<typeof actual.createRouter>) => {
      const handle = actual.createRouter(...args);
      return (...call: Parameters<typeof handle>) => inHandler.run(true, () => handle(...call));
    },
  };
});

const unserved = new Map<string, string>();

/** A query's shape: its collection, fields and the operators on them, and its order. */
function shape(collection: string, query: Record<string, unknown>, sort?: Record<string, number>): string {
  const fields = Object.entries(query).map(([k, v]) =>
    v !== null && typeof v === 'object' ? `${k}:${Object.keys(v).join('|')}` : k,
  );
  const order = sort && Object.keys(sort).length ? ` sort ${Object.keys(sort).join(',')}` : '';
  return `${collection} {${fields.join(', ')}}${order}`;
}

beforeAll(() => {
  nedbHooks.onQuery = (collection, query, options) => {
    if (!inHandler.getStore() || isServed(collection, query, options)) return;
    const key = shape(collection, query, options.sort);
    if (!KNOWN_SCANS.has(key.replace(/ sort .*$/, ''))) unserved.set(key, collection);
  };
});

afterAll(() => {
  nedbHooks.onQuery = null;
  const path = expect.getState().testPath ?? '';
  if (!/[\\/]test[\\/]handler[\\/]/.test(path)) return;
  // Every query of the handler tests is served by a declared index (or reads a small collection).
  expect([...unserved.keys()].sort()).toEqual([]);
});
