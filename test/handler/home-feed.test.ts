/**
 * The village home's feed in the one call (account.home): the latest notices and report and the
 * open survey round are kept in the home read model by the contexts that own them, the record
 * chain head too; the caller's own vote is read from their own entry. Counts store operations.
 */
import { accountActions } from '../../cloudfunctions/account/actions';
import type { AccountOutputs } from '../../cloudfunctions/common/contracts/account';
import type { VillageHome } from '../../cloudfunctions/common/contracts/disclosure';
import { disclosureActions } from '../../cloudfunctions/disclosure/actions';
import { keepChainHead } from '../../cloudfunctions/disclosure/homeFeed';
import { homesOf } from '../../cloudfunctions/disclosure/store';
import { storedChainHead } from '../../cloudfunctions/record/public';
import { reportActions } from '../../cloudfunctions/report/actions';
import { keepReportFeed } from '../../cloudfunctions/report/public';
import { keepRoundFeed } from '../../cloudfunctions/survey/public';
import { surveyActions } from '../../cloudfunctions/survey/actions';
import { P, VILLAGE_A, okData } from './builders';
import { countedTwoTowns } from './world';

type Home = AccountOutputs['home'];

let rid = 0;
const notice = (title: string, extra: object = {}) => ({
  requestId: `req-feed-${String(++rid).padStart(6, '0')}`,
  villageId: VILLAGE_A,
  title,
  body: '请各户相互转告。',
  ...extra,
});
const BALLOT = {
  partyVanguard: 'agree',
  openAffairs: 'satisfied',
  supervision: 'fairly',
  harmony: 'satisfied',
};

const setup = () =>
  countedTwoTowns({
    account: accountActions,
    disclosure: disclosureActions,
    report: reportActions,
    survey: surveyActions,
  });

test('a resident gets the notices, the open round and the chain in one call of at most 3 store operations', async () => {
  const w = await setup();
  okData(await w.report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  w.clock.advance(60_000);
  const urgent = okData<{ noticeId: string }>(
    await w.report(P.cadreA, 'publishNotice', notice('防汛紧急通知', { pinned: true })),
  );
  w.clock.advance(60_000);
  const gone = okData<{ noticeId: string }>(await w.report(P.cadreA, 'publishNotice', notice('发错的通知')));
  okData(await w.report(P.cadreA, 'withdrawNotice', { noticeId: gone.noticeId, reason: '内容有误' }));
  const opened = okData<{ opened: { id: string }[] }>(
    await w.survey(P.townAdmin, 'openRound', { villageIds: [VILLAGE_A], periodKey: '2026-Q1' }),
  );
  const roundId = opened.opened[0]!.id;
  // Nothing disclosed yet: the first read builds the village's home once around the kept feed.
  okData(await w.account(P.cadreA, 'home', {}));

  w.counting.reset();
  const before = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  expect(w.counting.ops()).toBeLessThanOrEqual(3);
  expect(before.feed.notices.map((n) => n.title)).toEqual(['防汛紧急通知', '春耕用水安排']);
  expect(before.feed.notices[0]).toMatchObject({ noticeId: urgent.noticeId, pinned: true, expired: false });
  expect(before.feed.survey).toMatchObject({
    round: { id: roundId, periodKey: '2026-Q1' },
    eligible: true,
    voted: false,
  });
  expect(before.chain).toEqual(
    await storedChainHead(w.store, VILLAGE_A).then(
      (h) => h && { seq: h.seq, fingerprint: h.fingerprint, at: h.at },
    ),
  );
  expect(before.chain?.seq).toBe(4); // three notices and one withdrawal

  okData(await w.survey(P.residentA, 'vote', { roundId, answers: BALLOT }));
  w.counting.reset();
  const after = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  expect(w.counting.ops()).toBeLessThanOrEqual(3);
  expect(after.feed.survey).toMatchObject({ eligible: true, voted: true });
  // Who voted is never kept in the shared home document.
  expect(JSON.stringify(await homesOf(w.store).get(VILLAGE_A))).not.toContain('voted');
  // Another resident of the village still sees the round to answer.
  const other = okData<Home>(await w.account(P.supervisorA, 'home', {})).home!;
  expect(other.feed.survey?.voted).toBe(false);

  okData(await w.survey(P.townAdmin, 'closeRound', { roundId }));
  const closed = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  expect(closed.feed.survey).toBeNull();
});

test('a round past its end and a notice past its expiry stop showing without any write', async () => {
  const w = await setup();
  okData(
    await w.report(P.cadreA, 'publishNotice', notice('三月停水', { pinned: true, expiresOn: '2026-03-20' })),
  );
  okData(
    await w.survey(P.townAdmin, 'openRound', { villageIds: [VILLAGE_A], periodKey: '2026-Q1', days: 3 }),
  );
  w.clock.set('2026-03-25T02:00:00.000Z');
  const home = okData<Home>(await w.account(P.residentA, 'home', {})).home!;
  expect(home.feed.notices[0]).toMatchObject({ title: '三月停水', pinned: false, expired: true });
  expect(home.feed.survey).toBeNull();
});

test('a rebuild of the home from its sources equals the kept home, feed and chain included', async () => {
  const w = await setup();
  okData(await w.report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  okData(await w.survey(P.townAdmin, 'openRound', { villageIds: [VILLAGE_A], periodKey: '2026-Q1' }));
  const kept = okData<VillageHome>(await w.disclosure(P.residentA, 'home', {}));
  // Drop the disclosure part (a stub with only the kept parts stays): the next read rebuilds it.
  await homesOf(w.store).remove(VILLAGE_A);
  await homesOf(w.store).insert({
    _id: VILLAGE_A,
    stub: true,
    lastPublishedAt: '',
    notices: kept.feed.notices.map(({ expired: _e, ...n }) => n),
    report: kept.feed.report,
    round: kept.feed.survey?.round ?? null,
  } as never);
  const rebuilt = okData<VillageHome>(await w.disclosure(P.residentA, 'home', {}));
  expect(rebuilt).toEqual(kept);
  expect(rebuilt.chain?.seq).toBe(1);
});

test('the home chain head only moves forward: an append finishing late never puts back an older head', async () => {
  const w = await setup();
  okData(await w.report(P.cadreA, 'publishNotice', notice('春耕用水安排')));
  const second = notice('防汛值班表');
  okData(await w.report(P.cadreA, 'publishNotice', second));
  const newest = (await homesOf(w.store).get(VILLAGE_A))?.chain;
  expect(newest?.seq).toBe(2);
  await keepChainHead(w.store, VILLAGE_A, { seq: 1, fingerprint: 'OLD', at: '2026-03-15T02:00:00.000Z' });
  expect((await homesOf(w.store).get(VILLAGE_A))?.chain).toEqual(newest);
  // A retried append (the home missed the head) sets it from the chain itself.
  await homesOf(w.store).update(VILLAGE_A, { set: { chain: null } });
  okData(await w.report(P.cadreA, 'publishNotice', second));
  expect((await homesOf(w.store).get(VILLAGE_A))?.chain).toEqual(newest);
});

test('a home thrown away is recounted whole from the sources: every part equals the kept one', async () => {
  const w = await setup();
  okData(await w.report(P.cadreA, 'publishNotice', notice('春耕用水安排', { pinned: true })));
  okData(await w.report(P.cadreA, 'publishNotice', notice('防汛值班表')));
  okData(await w.survey(P.townAdmin, 'openRound', { villageIds: [VILLAGE_A], periodKey: '2026-Q1' }));
  const kept = okData<VillageHome>(await w.disclosure(P.residentA, 'home', {}));
  expect(kept.feed.notices).toHaveLength(2);
  expect(kept.feed.survey).not.toBeNull();
  await homesOf(w.store).remove(VILLAGE_A);
  // Each context recounts its part from its own records; the chain and the rest on the next read.
  await keepReportFeed(w.store, VILLAGE_A, '2026-03-15');
  await keepRoundFeed(w.store, VILLAGE_A);
  expect(okData<VillageHome>(await w.disclosure(P.residentA, 'home', {}))).toEqual(kept);
});
