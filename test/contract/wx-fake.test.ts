/**
 * The fake server database keeps the documented limits the cloud adapter must live with; were
 * it more forgiving, the store contract suite would prove nothing about the adapter.
 */
import { isDuplicateKey, wxStore } from '../../cloudfunctions/common/store/wx';
import { MAX_PAGE } from '../../cloudfunctions/common/store/port';
import { fakeWxDatabase, WX_DEFAULT_GET, WX_MAX_LIMIT } from './wx-fake';

async function filled(n: number) {
  const db = fakeWxDatabase();
  for (let i = 0; i < n; i++)
    await db
      .collection('c')
      .add({ data: { _id: `k${String(i).padStart(4, '0')}`, n: i, nested: { a: 1, b: 2 } } });
  return db;
}

test('a get without limit returns at most 100 documents; limit goes to 1000 and no further', async () => {
  const db = await filled(1_200);
  expect((await db.collection('c').get()).data).toHaveLength(WX_DEFAULT_GET);
  expect((await db.collection('c').limit(WX_MAX_LIMIT).get()).data).toHaveLength(1_000);
  expect(() => db.collection('c').limit(WX_MAX_LIMIT + 1)).toThrow();
  // The adapter asks for no more than the server gives: one page is MAX_PAGE, within the cap.
  expect(MAX_PAGE).toBeLessThanOrEqual(WX_MAX_LIMIT);
  expect(await wxStore(db).collection('c').find({})).toHaveLength(MAX_PAGE);
});

test('adding an existing _id fails as the server reports a duplicate key, and keeps the first', async () => {
  const db = await filled(1);
  const err = await db
    .collection('c')
    .add({ data: { _id: 'k0000', n: 99 } })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({ errCode: -502001 });
  expect(isDuplicateKey(err)).toBe(true);
  expect((await db.collection('c').where({ _id: 'k0000' }).get()).data[0]).toMatchObject({ n: 0 });
});

test('update answers { stats: { updated } }; a plain object merges, _.set replaces', async () => {
  const db = await filled(3);
  const _ = db.command;
  expect(
    await db
      .collection('c')
      .where({ n: _.gte(1) })
      .update({ data: { nested: { a: 5 } } }),
  ).toEqual({
    stats: { updated: 2 },
  });
  expect((await db.collection('c').where({ _id: 'k0001' }).get()).data[0]).toMatchObject({
    nested: { a: 5, b: 2 },
  });
  await db
    .collection('c')
    .where({ _id: 'k0002' })
    .update({ data: { nested: _.set({ a: 7 }) } });
  expect((await db.collection('c').where({ _id: 'k0002' }).get()).data[0]).toMatchObject({
    nested: { a: 7 },
  });
  expect((await db.collection('c').where({ _id: 'k0002' }).get()).data[0]).not.toHaveProperty('nested.b');
  expect(
    await db
      .collection('c')
      .where({ _id: 'none' })
      .update({ data: { n: 1 } }),
  ).toEqual({
    stats: { updated: 0 },
  });
});

test('where takes the commands the adapter uses, and refuses what it does not know', async () => {
  const db = await filled(6);
  const _ = db.command;
  const ids = async (q: Record<string, unknown>) =>
    (await db.collection('c').where(q).orderBy('_id', 'asc').get()).data.map(
      (d) => (d as { _id: string })._id,
    );
  expect(await ids({ n: _.in([1, 3]) })).toEqual(['k0001', 'k0003']);
  expect(await ids({ n: _.and(_.gt(1), _.lte(3)) })).toEqual(['k0002', 'k0003']);
  expect(await ids({ n: _.neq(0), 'nested.a': 1 })).toHaveLength(5);
  expect(await ids({ n: _.lt('3') })).toEqual([]);
  await expect(
    db
      .collection('c')
      .where({ n: _.inc(1) })
      .get(),
  ).rejects.toThrow();
});
