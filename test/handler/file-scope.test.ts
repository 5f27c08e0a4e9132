/**
 * Attachments come only from our own storage: a `cloud://` file id of ANOTHER WeChat cloud
 * environment (another mini-program's files, or a copy of ours) is refused like an outside web
 * address, and nothing is written. The environment is the one the server runs in.
 */
import { setOwnCloudEnv } from '../../cloudfunctions/common/contracts/fileScope';
import { FileId, isOwnFileId } from '../../cloudfunctions/common/contracts/shared';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { CJK, P, VILLAGE_A, snapshot } from './builders';
import { twoTownsEach } from './world';

const OWN = 'cloud://prod-4g1x2.7072-prod-4g1x2-1318000000/disclosures/v-a/m1k2x3.jpg';
const FOREIGN = 'cloud://other-9z8y7.6f74-other-9z8y7-1300000001/disclosures/v-a/m1k2x3.jpg';
/** An environment whose id begins like ours is still another one. */
const LOOKALIKE = 'cloud://prod-4g1x2x.7072-prod-4g1x2x-1318000000/a.jpg';

const w = twoTownsEach();
const call = w.caller(disclosureActions);

let rid = 0;
const affairs = (fileId: string) => ({
  requestId: `req-scope-${String(++rid).padStart(4, '0')}`,
  villageId: VILLAGE_A,
  category: 'affairs',
  title: '甲村村务公开',
  periodKey: '2026-Q1',
  body: '低保名单已公示。',
  attachments: [{ fileId, name: '公示照片' }],
});

afterEach(() => setOwnCloudEnv(undefined));

describe('in the cloud function of environment prod-4g1x2', () => {
  beforeEach(() => setOwnCloudEnv('prod-4g1x2'));

  test('its own files and the local schemes pass; another environment’s do not', () => {
    expect(isOwnFileId(OWN)).toBe(true);
    expect(isOwnFileId('/files/3f9a0c1d2e4b5a6978bc0d1e.png')).toBe(true);
    expect(isOwnFileId(FOREIGN)).toBe(false);
    expect(isOwnFileId(LOOKALIKE)).toBe(false);
    const r = FileId.safeParse(FOREIGN);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('附件须上传到本系统');
  });

  test('publishing with another environment’s file is refused, nothing written', async () => {
    const before = await snapshot(w.store);
    for (const fileId of [FOREIGN, LOOKALIKE]) {
      const r = await call(P.cadreA, 'publish', affairs(fileId));
      expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      if (!r.ok)
        expect(r.issues?.[0]).toMatchObject({
          path: 'attachments.0.fileId',
          message: expect.stringMatching(CJK),
        });
    }
    expect(w.store.writes()).toBe(0);
    expect(await snapshot(w.store)).toEqual(before);
    // Its own file is taken.
    expect(await call(P.cadreA, 'publish', affairs(OWN))).toMatchObject({ ok: true });
  });
});

test('the local runtime keeps its own files: no cloud file is its own', async () => {
  setOwnCloudEnv(null);
  expect(isOwnFileId(OWN)).toBe(false);
  expect(isOwnFileId('/files/3f9a0c1d2e4b5a6978bc0d1e.png')).toBe(true);
  expect(await call(P.cadreA, 'publish', affairs(OWN))).toMatchObject({ ok: false, code: 'BAD_INPUT' });
});
