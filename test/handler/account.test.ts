/**
 * Identity and roles through the account router on the embedded store: invitations, the
 * village roster and claims, and the rule that only the server decides who is calling.
 */
import {
  type Binding,
  type Claim,
  type Invitation,
  type ReviewableClaim,
} from '../../cloudfunctions/common/contracts/account';
import type { Collection, Doc, Store } from '../../cloudfunctions/common/store/port';
import { users } from '../../cloudfunctions/common/identity';
import { createRouter } from '../../cloudfunctions/common/router';
import { accountActions } from '../../cloudfunctions/account/actions';
import { MAX_CLAIM_MISSES_PER_DAY } from '../../cloudfunctions/account/actions';
import { claimMissesOf, claimsOf, invitationsOf, rosterOf } from '../../cloudfunctions/account/store';
import { previewRoster } from '../../src/features/account/roster';
import {
  CJK,
  P,
  TOWN,
  VILLAGE_A,
  VILLAGE_B,
  VILLAGE_C,
  callerFor,
  failingOnce,
  okData,
  snapshot,
} from './builders';
import { twoTownsEach } from './world';
import { at } from '../must';

const w = twoTownsEach();
const call = w.caller(accountActions);

const invite = async (who: string, input: Record<string, unknown>) =>
  okData<Invitation>(await call(who, 'createInvitation', input));

describe('invitations', () => {
  test('a cadre invites residents, party members and migrant workers of the village', async () => {
    const inv = await invite(P.cadreA, {
      villageId: VILLAGE_A,
      roles: ['resident', 'partyMember', 'resident'],
    });
    expect(inv.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(inv).toMatchObject({
      villageId: VILLAGE_A,
      roles: ['resident', 'partyMember'],
      maxUses: 1,
      used: 0,
    });
    expect(inv.expiresAt).toBe('2026-03-22T02:00:00.000Z');
    expect(await invitationsOf(w.store).get(inv.code)).toMatchObject({ createdBy: P.cadreA, townId: TOWN });
  });

  test.each([['cadre'], ['supervisor'], ['representative']])(
    'only a town admin may invite a %s',
    async (role) => {
      const r = await call(P.cadreA, 'createInvitation', { villageId: VILLAGE_A, roles: ['resident', role] });
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
      expect(r.ok || r.message).toMatch(CJK);
      const byTown = await invite(P.townAdmin, { villageId: VILLAGE_A, roles: [role] });
      expect(byTown.roles).toEqual([role]);
    },
  );

  test('nobody makes a town admin by invitation code', async () => {
    expect(
      await call(P.townAdmin, 'createInvitation', { villageId: VILLAGE_A, roles: ['townAdmin'] }),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    });
  });

  test('who may not invite', async () => {
    const before = await snapshot(w.store);
    const input = { villageId: VILLAGE_A, roles: ['resident'] };
    expect(await call(P.residentA, 'createInvitation', input)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.supervisorA, 'createInvitation', input)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.cadreB, 'createInvitation', input)).toMatchObject({ code: 'FORBIDDEN_VILLAGE' });
    expect(await call(P.otherTownAdmin, 'createInvitation', input)).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.newcomer, 'createInvitation', input)).toMatchObject({ code: 'NOT_BOUND' });
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('redeeming binds the caller to the village with the invited roles (code typed in lower case)', async () => {
    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident', 'migrant'] });
    const b = okData<Binding>(
      await call(P.newcomer, 'redeemInvitation', { code: ` ${inv.code.toLowerCase()} `, name: ' 新村民 ' }),
    );
    expect(b).toEqual({
      name: '新村民',
      townId: TOWN,
      townName: '甲镇',
      villageId: VILLAGE_A,
      villageName: '甲村',
      roles: ['resident', 'migrant'],
    });
    expect(await users(w.store).get(P.newcomer)).toMatchObject({
      villageId: VILLAGE_A,
      via: 'invitation',
      boundAt: '2026-03-15T02:00:00.000Z',
    });
    const me = okData<{ binding: Binding }>(await call(P.newcomer, 'me', {}));
    expect(me.binding).toEqual(b);
  });

  test('an unknown code, an expired code and a used-up code are refused', async () => {
    expect(await call(P.newcomer, 'redeemInvitation', { code: 'ABCDEFGH', name: '新村民' })).toMatchObject({
      code: 'INVITATION_INVALID',
    });

    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'], validDays: 1 });
    w.clock.advance(86_400_000);
    expect(await call(P.newcomer, 'redeemInvitation', { code: inv.code, name: '新村民' })).toMatchObject({
      code: 'INVITATION_EXPIRED',
    });
    expect((await invitationsOf(w.store).get(inv.code))?.used).toBe(0);

    const once = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'] });
    okData(await call(P.newcomer, 'redeemInvitation', { code: once.code, name: '新村民' }));
    expect(
      await call('another-newcomer', 'redeemInvitation', { code: once.code, name: '另一人' }),
    ).toMatchObject({ code: 'INVITATION_EXPIRED' });
    expect(await users(w.store).get('another-newcomer')).toBeNull();
  });

  test('of concurrent redeems of a one-use code exactly one binds', async () => {
    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'] });
    const people = Array.from({ length: 8 }, (_, i) => `new-${i}`);
    const replies = await Promise.all(
      people.map((p) => call(p, 'redeemInvitation', { code: inv.code, name: '抢码的人' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'INVITATION_EXPIRED')).toBe(true);
    expect(await users(w.store).count({ _id: { $in: people } })).toBe(1);
    expect((await invitationsOf(w.store).get(inv.code))?.used).toBe(1);
  });

  test('one person redeeming twice at once binds once and uses the code once', async () => {
    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'], maxUses: 5 });
    const replies = await Promise.all(
      [1, 2, 3].map(() => call(P.newcomer, 'redeemInvitation', { code: inv.code, name: '新村民' })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'ALREADY_BOUND')).toBe(true);
    expect((await invitationsOf(w.store).get(inv.code))?.used).toBe(1);
  });

  test('a bound person cannot redeem again', async () => {
    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'] });
    expect(await call(P.residentB, 'redeemInvitation', { code: inv.code, name: '王秀英' })).toMatchObject({
      code: 'ALREADY_BOUND',
    });
    expect((await users(w.store).get(P.residentB))?.villageId).toBe(VILLAGE_B);
    expect((await invitationsOf(w.store).get(inv.code))?.used).toBe(0);
  });
});

describe('roster and claims', () => {
  const entries = [
    { name: '马秀英', phoneLast4: '3721' },
    { name: '何志远', phoneLast4: '5408', roles: ['resident', 'migrant'] },
    { name: '吴德胜', phoneLast4: '9012', roles: ['resident', 'partyMember'] },
  ];

  beforeEach(async () => {
    okData(await call(P.cadreA, 'importRoster', { villageId: VILLAGE_A, entries }));
  });

  type ImportResult = { added: number; skipped: number; refused: { name: string; reason: string }[] };

  const claim = (who: string, name = '何志远', phoneLast4 = '5408') =>
    call(who, 'claimRoster', { villageId: VILLAGE_A, name, phoneLast4 });

  test('import skips people already on the roster and duplicates within one import', async () => {
    const r = okData<ImportResult>(
      await call(P.cadreA, 'importRoster', {
        villageId: VILLAGE_A,
        entries: [
          entries[0],
          { name: '  马秀英 ', phoneLast4: '3721' },
          { name: '新名字', phoneLast4: '0001' },
          { name: '新名字', phoneLast4: '0001' },
        ],
      }),
    );
    expect(r).toEqual({ added: 1, skipped: 3, refused: [] });
    expect(await rosterOf(w.store).count({ villageId: VILLAGE_A })).toBe(4);
    // The same person in another village is another entry.
    okData(await call(P.cadreB, 'importRoster', { villageId: VILLAGE_B, entries: [entries[0]] }));
    expect(await rosterOf(w.store).count({})).toBe(5);
  });

  test('only a cadre of the village, or a town admin of its town, imports its roster', async () => {
    const input = { villageId: VILLAGE_A, entries: [{ name: '外人', phoneLast4: '1111' }] };
    expect(await call(P.residentA, 'importRoster', input)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.supervisorA, 'importRoster', input)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.cadreB, 'importRoster', input)).toMatchObject({ code: 'FORBIDDEN_VILLAGE' });
    expect(await call(P.otherTownAdmin, 'importRoster', input)).toMatchObject({ code: 'FORBIDDEN_VILLAGE' });
    expect(await rosterOf(w.store).count({})).toBe(3);
    expect(okData<ImportResult>(await call(P.townAdmin, 'importRoster', input)).added).toBe(1);
    expect(await rosterOf(w.store).count({ villageId: VILLAGE_A })).toBe(4);
  });

  test('the preview a cadre sees is what the import does: the same rows refused, repeated, added', async () => {
    const sheet = [
      '赵代表\t2001\t村民代表',
      '钱党员\t2002\t党员',
      '钱党员\t2002',
      '孙外出\t2003\t外出务工',
    ].join('\n');
    const preview = previewRoster(sheet, false);
    // Send every row the preview read (not only those it accepts): the action decides alone.
    const r = okData<ImportResult>(
      await call(P.cadreA, 'importRoster', {
        villageId: VILLAGE_A,
        entries: preview.map((x) => ({ name: x.name, phoneLast4: x.phoneLast4, roles: x.roles })),
      }),
    );
    expect(r.refused.map((x) => [x.name, x.reason])).toEqual(
      preview.filter((x) => x.outcome === 'refused').map((x) => [x.name, x.error]),
    );
    expect(r.skipped).toBe(preview.filter((x) => x.outcome === 'repeat').length);
    expect(r.added).toBe(preview.filter((x) => x.outcome === 'import').length);
    expect(r.added).toBe(2);
  });

  test('a cadre cannot make 村民代表 (who rate the cadres) by roster: those rows are refused, the rest imported', async () => {
    const r = okData<ImportResult>(
      await call(P.cadreA, 'importRoster', {
        villageId: VILLAGE_A,
        entries: [
          { name: '赵代表', phoneLast4: '2001', roles: ['resident', 'representative'] },
          { name: '钱党员', phoneLast4: '2002', roles: ['resident', 'partyMember'] },
          { name: '孙外出', phoneLast4: '2003', roles: ['migrant'] },
        ],
      }),
    );
    expect(r.added).toBe(2);
    expect(r.skipped).toBe(0);
    expect(r.refused).toEqual([{ name: '赵代表', phoneLast4: '2001', reason: expect.stringMatching(CJK) }]);
    expect(at(r.refused, 0).reason).toContain('镇管理员');
    expect(await rosterOf(w.store).count({ name: '赵代表' })).toBe(0);
    expect(at(await rosterOf(w.store).find({ name: '钱党员' }), 0).roles).toEqual([
      'resident',
      'partyMember',
    ]);

    // The town admin imports the representative; claimed and approved, they hold the role.
    const byTown = okData<ImportResult>(
      await call(P.townAdmin, 'importRoster', {
        villageId: VILLAGE_A,
        entries: [{ name: '赵代表', phoneLast4: '2001', roles: ['resident', 'representative'] }],
      }),
    );
    expect(byTown).toEqual({ added: 1, skipped: 0, refused: [] });
    const c = okData<Claim>(await claim(P.newcomer, '赵代表', '2001'));
    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }));
    expect((await users(w.store).get(P.newcomer))?.roles).toEqual(['resident', 'representative']);
  });

  test('a large roster is written in parallel batches; counts are right and a re-import skips all', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      name: `村民${String(i).padStart(4, '0')}`,
      phoneLast4: String(i).padStart(4, '0'),
      roles: ['resident'],
    }));
    // Watch how many inserts are in flight at once.
    let inFlight = 0;
    let most = 0;
    const watched: Store = {
      collection<T extends Doc>(name: string): Collection<T> {
        const col = w.store.collection<T>(name);
        if (name !== 'roster') return col;
        return {
          ...col,
          insert: async (doc: T) => {
            most = Math.max(most, ++inFlight);
            try {
              await col.insert(doc);
            } finally {
              inFlight--;
            }
          },
        };
      },
    };
    const big = callerFor(accountActions, { store: watched, clock: w.clock, ids: { next: () => 'x' } });
    const first = okData<ImportResult>(
      await big(P.cadreB, 'importRoster', { villageId: VILLAGE_B, entries: rows }),
    );
    expect(first).toEqual({ added: 2000, skipped: 0, refused: [] });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(20);
    expect(await rosterOf(w.store).count({ villageId: VILLAGE_B })).toBe(2000);
    const again = okData<ImportResult>(
      await big(P.cadreB, 'importRoster', { villageId: VILLAGE_B, entries: rows }),
    );
    expect(again).toEqual({ added: 0, skipped: 2000, refused: [] });
    expect(await rosterOf(w.store).count({ villageId: VILLAGE_B })).toBe(2000);
  });

  test('a claim with no matching entry is refused', async () => {
    expect(await claim(P.newcomer, '何志远', '0000')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    expect(await claim(P.newcomer, '何志', '5408')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    expect(
      await call(P.newcomer, 'claimRoster', { villageId: VILLAGE_B, name: '何志远', phoneLast4: '5408' }),
    ).toMatchObject({
      code: 'ROSTER_NO_MATCH',
    });
    expect(await claimsOf(w.store).count({})).toBe(0);
  });

  test('claim, wait, approve: bound with the roles the roster gives', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    expect(c).toMatchObject({ villageId: VILLAGE_A, name: '何志远', status: 'pending' });
    expect(await claim(P.newcomer)).toMatchObject({ code: 'CLAIM_PENDING' });
    expect(await claim(P.newcomer, '马秀英', '3721')).toMatchObject({ code: 'CLAIM_PENDING' });
    expect(okData<{ pendingClaim: Claim; binding: null }>(await call(P.newcomer, 'me', {}))).toMatchObject({
      binding: null,
      pendingClaim: { id: c.id, status: 'pending' },
    });
    expect(
      okData<{ claims: Claim[] }>(await call(P.cadreA, 'listClaims', {})).claims.map((x) => x.id),
    ).toEqual([c.id]);

    const reviewed = okData<Claim>(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }));
    expect(reviewed.status).toBe('approved');
    expect(await users(w.store).get(P.newcomer)).toMatchObject({
      villageId: VILLAGE_A,
      roles: ['resident', 'migrant'],
      via: 'roster',
      name: '何志远',
    });
    expect(at(await rosterOf(w.store).find({ name: '何志远' }), 0).claimedBy).toBe(P.newcomer);
    expect(okData<{ binding: Binding }>(await call(P.newcomer, 'me', {})).binding.roles).toEqual([
      'resident',
      'migrant',
    ]);

    expect(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      code: 'CLAIM_NOT_PENDING',
    });
    expect(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false })).toMatchObject({
      code: 'CLAIM_NOT_PENDING',
    });
    expect((await claimsOf(w.store).get(c.id))?.status).toBe('approved');
    // The entry is taken now.
    expect(await claim('someone-else')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    // And the bound person cannot claim again.
    expect(await claim(P.newcomer, '马秀英', '3721')).toMatchObject({ code: 'ALREADY_BOUND' });
  });

  test('reject: not bound, and the person may claim again', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    expect(okData<Claim>(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false })).status).toBe(
      'rejected',
    );
    expect(await users(w.store).get(P.newcomer)).toBeNull();
    expect(at(await rosterOf(w.store).find({ name: '何志远' }), 0).claimedBy).toBeNull();
    expect(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      code: 'CLAIM_NOT_PENDING',
    });
    expect(okData<Claim>(await claim(P.newcomer)).status).toBe('pending');
    expect(await claimsOf(w.store).count({})).toBe(1);
  });

  test('concurrent reviews of one claim decide it once', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    const replies = await Promise.all([
      call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }),
      call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false }),
      call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }),
    ]);
    const status = (await claimsOf(w.store).get(c.id))?.status;
    // One decision: every reply that succeeded agrees with it (a second 通过 arriving while the
    // first is still binding may finish the same approval), the others were told it was decided.
    const oks = replies.filter((r) => r.ok).map((r) => okData<Claim>(r).status);
    expect(oks.length).toBeGreaterThan(0);
    expect(oks.every((s) => s === status)).toBe(true);
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'CLAIM_NOT_PENDING')).toBe(true);
    expect(!!(await users(w.store).get(P.newcomer))).toBe(status === 'approved');
    expect(await users(w.store).count({ _id: P.newcomer })).toBe(status === 'approved' ? 1 : 0);
  });

  test('two people claiming one entry: only the first approved is bound', async () => {
    const a = okData<Claim>(await claim('claimant-a'));
    const b = okData<Claim>(await claim('claimant-b'));
    okData(await call(P.cadreA, 'reviewClaim', { claimId: a.id, approve: true }));
    const second = await call(P.cadreA, 'reviewClaim', { claimId: b.id, approve: true });
    expect(second).toMatchObject({ ok: false, code: 'ROSTER_NO_MATCH' });
    expect(await users(w.store).get('claimant-b')).toBeNull();
    expect((await claimsOf(w.store).get(b.id))?.status).toBe('rejected');
    expect(at(await rosterOf(w.store).find({ name: '何志远' }), 0).claimedBy).toBe('claimant-a');
  });

  test('guessing the last 4 digits stops after 5 misses a China day, and starts again the next day', async () => {
    const wrong = ['0000', '0001', '0002', '0003', '0004'];
    for (const digits of wrong)
      expect(await claim(P.newcomer, '何志远', digits)).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    // The 6th attempt is refused even with the right digits: guessing cannot go on.
    const stopped = await claim(P.newcomer);
    expect(stopped).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS' });
    expect(stopped.ok || stopped.message).toContain('明天再试');
    expect(await claimsOf(w.store).count({})).toBe(0);
    // Another person is not affected.
    expect(okData<Claim>(await claim('someone-else', '马秀英', '3721')).status).toBe('pending');
    // 15:59 UTC is still the same day in China; 16:00 UTC is the next day.
    w.clock.set('2026-03-15T15:59:00.000Z');
    expect(await claim(P.newcomer)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    w.clock.set('2026-03-15T16:00:00.000Z');
    expect(okData<Claim>(await claim(P.newcomer)).status).toBe('pending');
    expect(await claimMissesOf(w.store).get(`${P.newcomer}|2026-03-15`)).toMatchObject({ misses: 5 });
  });

  test('parallel guesses cannot get past the daily limit', async () => {
    const guesses = Array.from({ length: 30 }, (_, i) => claim(P.newcomer, '何志远', String(1000 + i)));
    const replies = await Promise.all(guesses);
    expect(replies.filter((r) => !r.ok && r.code === 'ROSTER_NO_MATCH')).toHaveLength(
      MAX_CLAIM_MISSES_PER_DAY,
    );
    expect(replies.filter((r) => !r.ok && r.code === 'TOO_MANY_ATTEMPTS')).toHaveLength(
      30 - MAX_CLAIM_MISSES_PER_DAY,
    );
  });

  test('a right guess does not count as a miss', async () => {
    for (let i = 0; i < 4; i++)
      expect(await claim(P.newcomer, '何志远', '0000')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    const c = okData<Claim>(await claim(P.newcomer));
    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false }));
    // 4 misses so far (the right guess did not count): one more wrong guess, then it stops.
    expect(await claim(P.newcomer, '何志远', '0000')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    expect(await claim(P.newcomer)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  test('the cadre sees how many pending claims target the same roster entry', async () => {
    const a = okData<Claim>(await claim('claimant-a'));
    w.clock.advance(60_000);
    const b = okData<Claim>(await claim('claimant-b'));
    w.clock.advance(60_000);
    const other = okData<Claim>(await claim('claimant-c', '马秀英', '3721'));
    const listed = okData<{ claims: ReviewableClaim[] }>(await call(P.cadreA, 'listClaims', {})).claims;
    expect(listed.map((c) => [c.id, c.sameEntryClaims])).toEqual([
      [a.id, 2],
      [b.id, 2],
      [other.id, 1],
    ]);
    // Once one is rejected the other stands alone.
    okData(await call(P.cadreA, 'reviewClaim', { claimId: b.id, approve: false }));
    const after = okData<{ claims: ReviewableClaim[] }>(await call(P.cadreA, 'listClaims', {})).claims;
    expect(after.find((c) => c.id === a.id)?.sameEntryClaims).toBe(1);
  });

  test('an approval that failed half-way is finished by approving again', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    // The database fails the user insert once (a network blip after the claim was approved).
    const flaky = failingOnce(w.store, 'users', 'insert');
    const review = callerFor(accountActions, { store: flaky, clock: w.clock, ids: { next: () => 'x' } });
    expect(await review(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      ok: false,
      code: 'INTERNAL',
    });
    expect(await users(w.store).get(P.newcomer)).toBeNull();
    // The cadre taps 通过 again: the person is bound, the entry theirs.
    const done = okData<Claim>(await review(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }));
    expect(done.status).toBe('approved');
    expect(await users(w.store).get(P.newcomer)).toMatchObject({
      villageId: VILLAGE_A,
      roles: ['resident', 'migrant'],
      via: 'roster',
    });
    expect(at(await rosterOf(w.store).find({ name: '何志远' }), 0).claimedBy).toBe(P.newcomer);
    // Now it is finished: a further review is refused.
    expect(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      code: 'CLAIM_NOT_PENDING',
    });
  });

  test('after a half-way approval the resident may claim again, and approval binds them', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    const flaky = failingOnce(w.store, 'users', 'insert');
    const review = callerFor(accountActions, { store: flaky, clock: w.clock, ids: { next: () => 'x' } });
    expect(await review(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      ok: false,
    });
    // Nobody else can take the entry meanwhile.
    expect(await claim('someone-else')).toMatchObject({ code: 'ROSTER_NO_MATCH' });
    const again = okData<Claim>(await claim(P.newcomer));
    expect(again).toMatchObject({ id: c.id, status: 'pending' });
    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }));
    expect((await users(w.store).get(P.newcomer))?.villageId).toBe(VILLAGE_A);
  });

  test('only a cadre of the claim’s village reviews it', async () => {
    const c = okData<Claim>(await claim(P.newcomer));
    expect(await call(P.cadreB, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.residentA, 'reviewClaim', { claimId: c.id, approve: true })).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    });
    expect(await call(P.cadreB, 'listClaims', { villageId: VILLAGE_A })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
    expect(await call(P.cadreA, 'reviewClaim', { claimId: 'no-such-claim', approve: true })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await claimsOf(w.store).get(c.id))?.status).toBe('pending');
    expect(await users(w.store).get(P.newcomer)).toBeNull();
  });

  test('members are listed for cadres, supervisors and the town, not for residents', async () => {
    const m = okData<{ members: { name: string }[]; rosterSize: number }>(
      await call(P.supervisorA, 'listMembers', {}),
    );
    expect(m.rosterSize).toBe(3);
    expect(m.members.map((x) => x.name).sort()).toEqual(['张桂兰', '李明华', '陈立新'].sort());
    expect(await call(P.residentA, 'listMembers', {})).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await call(P.otherTownAdmin, 'listMembers', { villageId: VILLAGE_A })).toMatchObject({
      code: 'FORBIDDEN_VILLAGE',
    });
  });
});

describe('identity comes from the server only', () => {
  test('openid, role, villageId or userInfo in the event or input change nothing', async () => {
    const spoof = {
      openid: P.cadreA,
      OPENID: P.cadreA,
      role: 'cadre',
      roles: ['cadre'],
      villageId: VILLAGE_A,
      userInfo: { openId: P.cadreA },
    };
    const handle = createRouter(accountActions);
    const env = { store: w.store, clock: w.clock, ids: { next: () => 'x' } };
    const before = await snapshot(w.store);
    const asResident = await handle(
      {
        action: 'createInvitation',
        input: { ...spoof, villageId: VILLAGE_A, roles: ['resident'] },
        ...spoof,
      },
      P.residentA,
      env,
    );
    expect(asResident).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    const asNewcomer = await handle(
      {
        action: 'importRoster',
        input: { villageId: VILLAGE_A, entries: [{ name: '冒名者', phoneLast4: '1234' }] },
        ...spoof,
      },
      P.newcomer,
      env,
    );
    expect(asNewcomer).toMatchObject({ ok: false, code: 'NOT_BOUND' });
    const anonymous = await handle({ action: 'me', input: {}, ...spoof }, undefined, env);
    expect(anonymous).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    const me = okData<{ binding: Binding }>(
      await handle({ action: 'me', input: spoof, ...spoof }, P.residentA, env),
    );
    expect(me.binding).toMatchObject({ name: '张桂兰', roles: ['resident'] });
    expect(await snapshot(w.store)).toEqual(before);
  });

  test('an unbound person sees no binding and only their own town’s villages when bound', async () => {
    expect(okData(await call(P.newcomer, 'me', {}))).toEqual({
      signedIn: true,
      binding: null,
      pendingClaim: null,
    });
    const mine = okData<{ villages: { id: string }[] }>(
      await call(P.residentA, 'villages', { townId: 'town-b' }),
    );
    expect(mine.villages.map((v) => v.id).sort()).toEqual([VILLAGE_A, VILLAGE_B].sort());
    const chosen = okData<{ villages: { id: string }[] }>(
      await call(P.newcomer, 'villages', { townId: 'town-b' }),
    );
    expect(chosen.villages.map((v) => v.id)).toEqual([VILLAGE_C]);
  });
});

describe('a person bound by invitation links their own roster entry (one person, one voter)', () => {
  type Me = { binding: Binding | null; pendingClaim: Claim | null; rosterLink?: 'linked' | 'unlinked' };

  /** 何志远 is on village A's roster; the newcomer joins the village by invitation under that name. */
  async function invitedOnTheRoster() {
    okData(
      await call(P.cadreA, 'importRoster', {
        villageId: VILLAGE_A,
        entries: [{ name: '何志远', phoneLast4: '5408' }],
      }),
    );
    const inv = await invite(P.cadreA, { villageId: VILLAGE_A, roles: ['resident'] });
    okData(await call(P.newcomer, 'redeemInvitation', { code: inv.code, name: '何志远' }));
  }

  test('`me` shows the entry unlinked, then the pending claim, then the link', async () => {
    await invitedOnTheRoster();
    expect(okData<Me>(await call(P.newcomer, 'me', {}))).toMatchObject({
      binding: { villageId: VILLAGE_A },
      pendingClaim: null,
      rosterLink: 'unlinked',
    });

    const c = okData<Claim>(
      await call(P.newcomer, 'claimRoster', { villageId: VILLAGE_A, name: '何志远', phoneLast4: '5408' }),
    );
    expect(okData<Me>(await call(P.newcomer, 'me', {}))).toMatchObject({
      pendingClaim: { id: c.id, status: 'pending', name: '何志远' },
      rosterLink: 'unlinked',
    });

    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: true }));
    const linked = okData<Me>(await call(P.newcomer, 'me', {}));
    expect(linked).toMatchObject({ pendingClaim: null, rosterLink: 'linked' });
    // Still the same person, bound by invitation, with the invited roles.
    expect(linked.binding).toMatchObject({ villageId: VILLAGE_A, roles: ['resident'] });
  });

  test('a rejected claim leaves the entry unlinked; people bound otherwise are not offered the link', async () => {
    await invitedOnTheRoster();
    const c = okData<Claim>(
      await call(P.newcomer, 'claimRoster', { villageId: VILLAGE_A, name: '何志远', phoneLast4: '5408' }),
    );
    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false }));
    expect(okData<Me>(await call(P.newcomer, 'me', {}))).toMatchObject({
      pendingClaim: null,
      rosterLink: 'unlinked',
    });
    // A seeded resident: no roster link to make, and the reply stays as before.
    expect(okData<Me>(await call(P.residentA, 'me', {}))).not.toHaveProperty('rosterLink');
    expect(okData<Me>(await call(P.newcomer + '-x', 'me', {}))).not.toHaveProperty('rosterLink');
  });
});
