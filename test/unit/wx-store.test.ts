/**
 * The production adapter's translation of the store port into the WeChat cloud database's
 * query builder, checked against a fake `db` that records every call it receives.
 */
import {
  isDuplicateKey,
  translateQuery,
  translateUpdate,
  wxStore,
  type WxCommand,
  type WxDatabase,
} from '../../cloudfunctions/common/store/wx';
import { DuplicateKeyError, MAX_PAGE, findAll } from '../../cloudfunctions/common/store/port';

type Call = [string, ...unknown[]];

/** `db.command`: every operator returns a marker naming itself and its arguments. */
function fakeCommand(log: Call[]): WxCommand {
  const op =
    (name: string) =>
    (...args: unknown[]) => {
      log.push([name, ...args]);
      return { $op: name, args };
    };
  return {
    in: op('in'),
    nin: op('nin'),
    neq: op('neq'),
    gt: op('gt'),
    gte: op('gte'),
    lt: op('lt'),
    lte: op('lte'),
    and: op('and'),
    inc: op('inc'),
    set: op('set'),
    remove: op('remove'),
    addToSet: op('addToSet'),
  };
}

interface Fake {
  db: WxDatabase;
  /** Calls on collection refs, each prefixed with the collection name. */
  calls: Call[];
  commands: Call[];
  /** What the next terminal calls resolve to (or reject with). */
  next: { data?: unknown[][]; total?: number; updated?: number; removed?: number; addError?: unknown };
}

function fakeDb(): Fake {
  const calls: Call[] = [];
  const commands: Call[] = [];
  const next: Fake['next'] = {};
  const db: WxDatabase = {
    command: fakeCommand(commands),
    collection(name: string) {
      const rec =
        (method: string, result: () => unknown) =>
        (...args: unknown[]) => {
          calls.push([`${name}.${method}`, ...args]);
          return result();
        };
      const ref: Record<string, (...args: unknown[]) => unknown> = {
        where: rec('where', () => ref),
        orderBy: rec('orderBy', () => ref),
        skip: rec('skip', () => ref),
        limit: rec('limit', () => ref),
        field: rec('field', () => ref),
        get: rec('get', async () => ({ data: next.data?.shift() ?? [] })),
        count: rec('count', async () => ({ total: next.total ?? 0 })),
        update: rec('update', async () => ({ stats: { updated: next.updated ?? 0 } })),
        remove: rec('remove', async () => ({ stats: { removed: next.removed ?? 0 } })),
        add: rec('add', async () => {
          if (next.addError) throw next.addError;
          return { _id: 'x' };
        }),
      };
      return ref as never;
    },
  };
  return { db, calls, commands, next };
}

describe('translateQuery', () => {
  test('equality passes through; each operator maps to its command', () => {
    const { db, commands } = fakeDb();
    const q = translateQuery(db.command, {
      villageId: 'v1',
      flag: null,
      category: { $in: ['party', 'affairs'] },
      state: { $nin: ['closed'] },
      owner: { $ne: 'me' },
      'period.key': { $gt: '2026-01' },
      a: { $gte: 1 },
      b: { $lt: 2 },
      c: { $lte: 3 },
    });
    expect(q).toEqual({
      villageId: 'v1',
      flag: null,
      category: { $op: 'in', args: [['party', 'affairs']] },
      state: { $op: 'nin', args: [['closed']] },
      owner: { $op: 'neq', args: ['me'] },
      'period.key': { $op: 'gt', args: ['2026-01'] },
      a: { $op: 'gte', args: [1] },
      b: { $op: 'lt', args: [2] },
      c: { $op: 'lte', args: [3] },
    });
    expect(commands.map((c) => c[0])).toEqual(['in', 'nin', 'neq', 'gt', 'gte', 'lt', 'lte']);
  });

  test('two operators on one field are joined with and', () => {
    const { db, commands } = fakeDb();
    const q = translateQuery(db.command, { n: { $gte: 2, $lt: 5 } });
    expect(q.n).toEqual({
      $op: 'and',
      args: [
        { $op: 'gte', args: [2] },
        { $op: 'lt', args: [5] },
      ],
    });
    expect(commands.at(-1)?.[0]).toBe('and');
  });

  test('an operator object without any operator is refused rather than matching everything', () => {
    const { db } = fakeDb();
    expect(() => translateQuery(db.command, { n: {} })).toThrow();
  });
});

describe('translateUpdate', () => {
  test('set, inc, addToSet and unset map to plain values and commands', () => {
    const { db } = fakeDb();
    const data = translateUpdate(db.command, {
      set: { status: 'approved', 'nested.v': 3, gone: null },
      inc: { used: 1 },
      addToSet: { finance: '2026-03' },
      unset: ['leaseUntil'],
    });
    expect(data).toEqual({
      status: 'approved',
      'nested.v': 3,
      gone: null,
      used: { $op: 'inc', args: [1] },
      finance: { $op: 'addToSet', args: ['2026-03'] },
      leaseUntil: { $op: 'remove', args: [] },
    });
  });

  test('an object or array in set is wrapped in _.set so it replaces instead of merging', () => {
    const { db, commands } = fakeDb();
    const data = translateUpdate(db.command, {
      set: { publisher: { openid: 'o', name: 'n' }, roles: ['cadre'] },
    });
    expect(data).toEqual({
      publisher: { $op: 'set', args: [{ openid: 'o', name: 'n' }] },
      roles: { $op: 'set', args: [['cadre']] },
    });
    expect(commands.map((c) => c[0])).toEqual(['set', 'set']);
  });
});

describe('wxStore', () => {
  test('get reads one record by _id', async () => {
    const f = fakeDb();
    f.next.data = [[{ _id: 'u1', name: '张三' }]];
    const got = await wxStore(f.db).collection('users').get('u1');
    expect(got).toEqual({ _id: 'u1', name: '张三' });
    expect(f.calls).toEqual([['users.where', { _id: 'u1' }], ['users.limit', 1], ['users.get']]);
    expect(await wxStore(f.db).collection('users').get('none')).toBeNull();
  });

  test('find builds where, orderBy per sort key in order, field, skip and limit', async () => {
    const f = fakeDb();
    f.next.data = [[{ _id: 'a' }]];
    const rows = await wxStore(f.db)
      .collection('disclosures')
      .find(
        { villageId: 'v1', year: { $gte: 2025 } },
        { sort: { periodSort: -1, firstPublishedAt: 1 }, fields: ['title'], skip: 40, limit: 21 },
      );
    expect(rows).toEqual([{ _id: 'a' }]);
    expect(f.calls).toEqual([
      ['disclosures.where', { villageId: 'v1', year: { $op: 'gte', args: [2025] } }],
      ['disclosures.orderBy', 'periodSort', 'desc'],
      ['disclosures.orderBy', 'firstPublishedAt', 'asc'],
      ['disclosures.field', { _id: true, title: true }],
      ['disclosures.skip', 40],
      ['disclosures.limit', 21],
      ['disclosures.get'],
    ]);
  });

  test('limit is capped at 1000, and an omitted limit asks for 1000 (not the server default of 100)', async () => {
    const f = fakeDb();
    const col = wxStore(f.db).collection('x');
    await col.find({}, { limit: 5000 });
    await col.find({});
    expect(f.calls.filter((c) => c[0] === 'x.limit')).toEqual([
      ['x.limit', MAX_PAGE],
      ['x.limit', MAX_PAGE],
    ]);
    expect(f.calls.some((c) => c[0] === 'x.skip')).toBe(false);
  });

  test('findAll pages by a cursor on _id (never skip) and applies the order to the whole result', async () => {
    const f = fakeDb();
    const page = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        _id: `k${String(from + i).padStart(4, '0')}`,
        n: (from + i) % 3,
      }));
    f.next.data = [page(0, 1000), page(1000, 1000), page(2000, 7)];
    const all = await findAll(wxStore(f.db).collection('x'), { t: 1 }, { sort: { n: 1 } });
    expect(all).toHaveLength(2007);
    expect(f.calls.some((c) => c[0] === 'x.skip')).toBe(false);
    // The second and third pages ask for the ids after the last one seen.
    expect(f.commands.filter((c) => c[0] === 'gt')).toEqual([
      ['gt', 'k0999'],
      ['gt', 'k1999'],
    ]);
    expect(f.calls.filter((c) => c[0] === 'x.orderBy')).toEqual([
      ['x.orderBy', '_id', 'asc'],
      ['x.orderBy', '_id', 'asc'],
      ['x.orderBy', '_id', 'asc'],
    ]);
    expect(all.slice(0, 2).map((d) => d._id)).toEqual(['k0000', 'k0003']);
    expect(all[all.length - 1]?._id).toBe('k2006');
  });

  test('count translates the query', async () => {
    const f = fakeDb();
    f.next.total = 7;
    expect(
      await wxStore(f.db)
        .collection('roster')
        .count({ villageId: { $in: ['a'] } }),
    ).toBe(7);
    expect(f.calls).toEqual([
      ['roster.where', { villageId: { $op: 'in', args: [['a']] } }],
      ['roster.count'],
    ]);
  });

  test('insert adds the document with its own _id', async () => {
    const f = fakeDb();
    await wxStore(f.db)
      .collection('claims')
      .insert({ _id: 'c1', status: 'pending' } as never);
    expect(f.calls).toEqual([['claims.add', { data: { _id: 'c1', status: 'pending' } }]]);
  });

  test.each([
    [{ errCode: -502001, errMsg: 'database request fail' }],
    [
      {
        errMsg:
          'collection.add:fail -502001 database request fail. [ResourceUnavailable] E11000 duplicate key error',
      },
    ],
    [new Error('duplicate key error collection: users index: _id_')],
  ])('a duplicate _id from the database (%j) becomes DuplicateKeyError', async (dbError) => {
    const f = fakeDb();
    f.next.addError = dbError;
    const err = await wxStore(f.db)
      .collection('users')
      .insert({ _id: 'o1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateKeyError);
    expect(err).toMatchObject({ collection: 'users', id: 'o1' });
  });

  test('other insert failures pass through unchanged', async () => {
    const f = fakeDb();
    const netErr = { errCode: -501001, errMsg: 'resource system error ENOTFOUND' };
    f.next.addError = netErr;
    expect(isDuplicateKey(netErr)).toBe(false);
    await expect(wxStore(f.db).collection('users').insert({ _id: 'o1' })).rejects.toBe(netErr);
  });

  test('update by _id sends translated data and reports whether a record changed', async () => {
    const f = fakeDb();
    f.next.updated = 1;
    const ok = await wxStore(f.db)
      .collection('invitations')
      .update('CODE1234', { inc: { used: 1 }, set: { roles: ['resident'] } });
    expect(ok).toBe(true);
    expect(f.calls).toEqual([
      ['invitations.where', { _id: 'CODE1234' }],
      [
        'invitations.update',
        { data: { roles: { $op: 'set', args: [['resident']] }, used: { $op: 'inc', args: [1] } } },
      ],
    ]);
    f.next.updated = 0;
    expect(
      await wxStore(f.db)
        .collection('invitations')
        .update('none', { inc: { used: 1 } }),
    ).toBe(false);
  });

  test('updateWhere translates query and update and returns the count', async () => {
    const f = fakeDb();
    f.next.updated = 3;
    const n = await wxStore(f.db)
      .collection('claims')
      .updateWhere({ _id: 'c1', status: 'pending' }, { set: { status: 'approved' } });
    expect(n).toBe(3);
    expect(f.calls).toEqual([
      ['claims.where', { _id: 'c1', status: 'pending' }],
      ['claims.update', { data: { status: 'approved' } }],
    ]);
  });

  test('an update without operations sends no update at all (only checks existence)', async () => {
    const f = fakeDb();
    f.next.total = 1;
    expect(await wxStore(f.db).collection('x').update('a', {})).toBe(true);
    expect(await wxStore(f.db).collection('x').updateWhere({ t: 1 }, { set: {} })).toBe(1);
    expect(f.calls.some((c) => c[0] === 'x.update')).toBe(false);
  });

  test('remove by _id', async () => {
    const f = fakeDb();
    f.next.removed = 1;
    expect(await wxStore(f.db).collection('x').remove('a')).toBe(true);
    expect(f.calls).toEqual([['x.where', { _id: 'a' }], ['x.remove']]);
  });
});
