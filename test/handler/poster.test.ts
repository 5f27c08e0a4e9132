/**
 * The door poster: who may print it, the door code made once with the village in `scene` and
 * reused, WeChat's failure reported as a named refusal (nothing stored), and the fingerprint.
 */
import { DOOR_PAGE, doorSceneOf, villageOfScene } from '../../cloudfunctions/common/door';
import {
  wxDoorCodeMaker,
  type DoorCodeMaker,
  type DoorCodeRequest,
} from '../../cloudfunctions/common/doorCode';
import type { PosterView } from '../../cloudfunctions/common/contracts/record';
import { findAll } from '../../cloudfunctions/common/store/port';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { recordActions } from '../../cloudfunctions/record/actions';
import type { Env } from '../../cloudfunctions/common/router';
import {
  CJK,
  P,
  VILLAGE_A,
  VILLAGE_B,
  VILLAGE_C,
  callerFor,
  okData,
  seedTwoTowns,
  testEnv,
  type TestStore,
} from './builders';

let store: TestStore;
let env: Env;
let made: DoorCodeRequest[];
let fail: boolean;
let source: string;

const fakeMaker: DoorCodeMaker = {
  source: () => source,
  async make(req) {
    made.push(req);
    if (fail) throw new Error('errCode 45009: reach max api daily quota limit');
    return `cloud://env-1/door-codes/${req.villageId}.png#${made.length}`;
  },
};

beforeEach(async () => {
  const t = testEnv('2026-03-05T02:00:00.000Z');
  store = t.store;
  made = [];
  fail = false;
  source = 'wxacode';
  env = { ...t.env, services: { doorCodeMaker: fakeMaker } };
  await seedTwoTowns(store);
});

const poster = (who: string, input: unknown = {}, e: Env = env) =>
  callerFor(recordActions, e)(who, 'poster', input);

test('cadres, the 村监委 and the town print their own village’s poster; residents and other villages cannot', async () => {
  expect(okData<PosterView>(await poster(P.cadreA))).toMatchObject({
    villageId: VILLAGE_A,
    villageName: '甲村',
    townName: '甲镇',
  });
  expect(okData<PosterView>(await poster(P.supervisorA))).toMatchObject({ villageId: VILLAGE_A });
  expect(okData<PosterView>(await poster(P.townAdmin, { villageId: VILLAGE_B }))).toMatchObject({
    villageId: VILLAGE_B,
  });
  expect(await poster(P.residentA)).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
  expect(await poster(P.newcomer)).toMatchObject({ ok: false, code: 'NOT_BOUND' });
  expect(await poster(P.cadreA, { villageId: VILLAGE_B })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  expect(await poster(P.townAdmin, { villageId: VILLAGE_C })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN_VILLAGE',
  });
  expect(await poster(P.cadreA, { villageId: 42 })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
});

test('the code is made once with the village in scene and the home as page, then reused', async () => {
  const first = okData<PosterView>(await poster(P.cadreA));
  expect(made).toEqual([{ villageId: VILLAGE_A, scene: 'v=v-a', page: 'pages/home/index' }]);
  expect(first.code).toBe('cloud://env-1/door-codes/v-a.png#1');
  const again = okData<PosterView>(await poster(P.supervisorA));
  expect(again.code).toBe(first.code);
  expect(made).toHaveLength(1);
  // A code made for another source (the local H5 address moved) is made again, once.
  source = 'h5:http://127.0.0.1:10086';
  expect(okData<PosterView>(await poster(P.cadreA)).code).toBe('cloud://env-1/door-codes/v-a.png#2');
  okData(await poster(P.cadreA));
  expect(made).toHaveLength(2);
  expect(await findAll(store.inner.collection('doorCodes'), {})).toHaveLength(1);
});

test('WeChat failing is a named refusal in Chinese, and nothing is stored; the next try makes it', async () => {
  fail = true;
  const r = await poster(P.cadreA);
  expect(r).toMatchObject({ ok: false, code: 'DOOR_CODE_FAILED' });
  if (!r.ok) expect(r.message).toMatch(CJK);
  expect(await findAll(store.inner.collection('doorCodes'), {})).toHaveLength(0);
  fail = false;
  expect(okData<PosterView>(await poster(P.cadreA)).code).toContain('v-a.png');
  // A host without a code maker refuses by name as well.
  const bare = { ...env, services: {} };
  expect(await poster(P.cadreA, { villageId: undefined }, { ...bare, store })).toMatchObject({ ok: true });
  expect(await poster(P.cadreB, {}, bare)).toMatchObject({ ok: false, code: 'DOOR_CODE_FAILED' });
});

test('the poster carries the village’s fingerprint with its date', async () => {
  expect(okData<PosterView>(await poster(P.cadreA)).head).toBeNull();
  okData(
    await callerFor(disclosureActions, env)(P.cadreA, 'publish', {
      requestId: 'poster-000001',
      villageId: VILLAGE_A,
      category: 'finance',
      title: '2026年2月财务收支公开',
      periodKey: '2026-02',
      body: '现将本月收支公开如下。',
      items: [{ direction: 'expense', category: '管理费用', amountFen: 10_000, note: '误工补贴' }],
    }),
  );
  expect(okData<PosterView>(await poster(P.cadreA)).head).toMatchObject({
    seq: 1,
    at: '2026-03-05T02:00:00.000Z',
    fingerprint: expect.stringMatching(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/),
  });
});

describe('the WeChat adapter', () => {
  test('asks getUnlimited for the scene and page, uploads the image under the village, returns the file id', async () => {
    const calls: unknown[] = [];
    const maker = wxDoorCodeMaker({
      openapi: {
        wxacode: {
          getUnlimited: async (arg) => {
            calls.push(['getUnlimited', arg]);
            return { buffer: new Uint8Array([137, 80, 78, 71]) };
          },
        },
      },
      uploadFile: async (arg) => {
        calls.push(['uploadFile', arg.cloudPath, arg.fileContent.length]);
        return { fileID: `cloud://env-1/${arg.cloudPath}` };
      },
    });
    const src = await maker.make({ villageId: VILLAGE_A, scene: doorSceneOf(VILLAGE_A), page: DOOR_PAGE });
    expect(src).toBe('cloud://env-1/door-codes/v-a.png');
    expect(calls).toEqual([
      ['getUnlimited', { scene: 'v=v-a', page: 'pages/home/index', width: 1280, checkPath: false }],
      ['uploadFile', 'door-codes/v-a.png', 4],
    ]);
  });

  test('an error code from WeChat is a failure, and nothing is uploaded', async () => {
    const uploads: string[] = [];
    const maker = wxDoorCodeMaker({
      openapi: { wxacode: { getUnlimited: async () => ({ errCode: 41030, errMsg: 'invalid page' }) } },
      uploadFile: async (arg) => {
        uploads.push(arg.cloudPath);
        return { fileID: 'x' };
      },
    });
    await expect(maker.make({ villageId: VILLAGE_A, scene: 'v=v-a', page: DOOR_PAGE })).rejects.toThrow(
      '41030',
    );
    expect(uploads).toEqual([]);
  });
});

test('the scene names the village both ways, within WeChat’s 32 characters, and nothing else passes', () => {
  expect(villageOfScene(doorSceneOf('v-dongling'))).toBe('v-dongling');
  expect(villageOfScene(encodeURIComponent(doorSceneOf('v-dongling')))).toBe('v-dongling');
  expect(doorSceneOf('v-liuzhuang').length).toBeLessThanOrEqual(32);
  for (const bad of [undefined, '', 'v=', 'x=v-a', 'v=a b', 'v=../me', '%E0%A4%A', `v=${'a'.repeat(31)}`])
    expect(villageOfScene(bad)).toBeNull();
});
