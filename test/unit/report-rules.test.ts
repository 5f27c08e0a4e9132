import { fixedClock } from '../../cloudfunctions/common/clock';
import { sequentialIds } from '../../cloudfunctions/common/ids';
import { nedbStore } from '../../cloudfunctions/common/store/nedb';
import { seedDemoTown } from '../../cloudfunctions/local/seed';
import { isStale, staleCutoff, waitingDays } from '../../cloudfunctions/report/domain/compose';
import {
  classify,
  DEFAULT_DELIVERY_RULES,
  hadGrantAt,
  REFUSED,
} from '../../cloudfunctions/report/domain/delivery';
import { wxSubscribeSender } from '../../cloudfunctions/common/subscribe';
import { reportsOf } from '../../cloudfunctions/report/store';
import { runTick } from '../../cloudfunctions/report/timer';

describe('a draft left unpublished is counted in China calendar days', () => {
  // Composed at 06:00 on 1 November in China, which is still 31 October in UTC.
  const composed = '2026-10-31T22:00:00.000Z';

  test('days are China dates, not UTC dates and not 24-hour spans', () => {
    // 6 November 18:00 in China (10:00 UTC): five China days, six UTC dates, 5.5 × 24 h.
    expect(waitingDays(composed, '2026-11-06T10:00:00.000Z')).toBe(5);
    expect(isStale(composed, '2026-11-06T10:00:00.000Z', 5)).toBe(false);
    // 6 November 23:59 in China is still day 5; midnight in China starts day 6.
    expect(isStale(composed, '2026-11-06T15:59:59.999Z', 5)).toBe(false);
    expect(isStale(composed, '2026-11-06T16:00:00.000Z', 5)).toBe(true);
    expect(waitingDays(composed, composed)).toBe(0);
  });

  test('the query bound the timer uses agrees with isStale on both sides of midnight', () => {
    for (const now of ['2026-11-06T15:59:59.999Z', '2026-11-06T16:00:00.000Z', '2026-11-20T03:00:00.000Z']) {
      for (const c of [composed, '2026-11-01T15:59:00.000Z', '2026-11-01T16:00:00.000Z']) {
        expect([now, c, c < staleCutoff(now, 5)]).toEqual([now, c, isStale(c, now, 5)]);
      }
    }
  });

  test('the timer flags drafts for the town from China midnight of day 6, once', async () => {
    const store = nedbStore();
    await seedDemoTown(store);
    // Only October's six drafts are in question (September's were flagged long ago).
    await reportsOf(store).updateWhere(
      { status: 'draft' },
      { set: { flaggedAt: '2026-10-08T00:00:00.000Z' } },
    );
    await reportsOf(store).updateWhere(
      { month: '2026-10' },
      { set: { composedAt: composed, flaggedAt: null } },
    );
    const clock = fixedClock('2026-11-06T15:55:00.000Z'); // 23:55 on 6 November in China
    const env = { store, clock, ids: sequentialIds('t') };
    expect((await runTick(env)).flagged).toBe(0);
    clock.set('2026-11-06T16:00:00.000Z');
    expect((await runTick(env)).flagged).toBe(6);
    clock.advance(5 * 60_000);
    expect((await runTick(env)).flagged).toBe(0);
    const flagged = await reportsOf(store).find({ month: '2026-10', status: 'draft' }, { limit: 10 });
    expect(flagged.every((r) => r.flaggedAt === '2026-11-06T16:00:00.000Z')).toBe(true);
  }, 60_000);
});

describe('who had a subscription when a report was published', () => {
  const published = '2026-11-01T02:00:00.000Z';
  const before = '2026-10-20T02:00:00.000Z';
  const after = '2026-11-02T02:00:00.000Z';

  test('a grant untouched since publication counts as it is', () => {
    expect(hadGrantAt({ oneTime: 1, longTerm: false, updatedAt: before }, [before], published)).toBe(true);
    expect(hadGrantAt({ oneTime: 0, longTerm: false, updatedAt: before }, [before], published)).toBe(false);
  });

  test('a first subscription after publication waits for the next report', () => {
    expect(hadGrantAt({ oneTime: 1, longTerm: false, updatedAt: after }, [after], published)).toBe(false);
    expect(hadGrantAt({ oneTime: 1, longTerm: true, updatedAt: after }, [after], published)).toBe(false);
  });

  test('subscribing again after publication keeps the earlier grant for this report', () => {
    expect(hadGrantAt({ oneTime: 2, longTerm: false, updatedAt: after }, [before, after], published)).toBe(
      true,
    );
    expect(hadGrantAt({ oneTime: 1, longTerm: true, updatedAt: after }, [before, after], published)).toBe(
      true,
    );
    // A refusal tapped after publication does not take back an earlier grant.
    expect(hadGrantAt({ oneTime: 1, longTerm: false, updatedAt: after }, [before], published)).toBe(true);
  });

  test('a grant used up before publication and renewed after it is for the next report', () => {
    expect(hadGrantAt({ oneTime: 1, longTerm: false, updatedAt: after }, [before, after], published)).toBe(
      false,
    );
  });
});

describe("a sender's answer: retried only when WeChat said nothing was delivered", () => {
  const rules = DEFAULT_DELIVERY_RULES;
  test.each([
    [{ ok: true } as const, 'sent'],
    [{ ok: false, code: REFUSED }, 'refused'],
    [{ ok: false, code: -1 }, 'retry'],
    [{ ok: false, code: 40003 }, 'failed'],
    [{ ok: false, code: -1, unknown: true }, 'unconfirmed'],
    [{ ok: false, code: REFUSED, unknown: true }, 'unconfirmed'],
  ])('%j → %s', (result, outcome) => {
    expect(classify(result, 1, rules)).toBe(outcome);
  });
  test('the production sender: an error without a WeChat code is an unknown outcome', async () => {
    const throwing = (e: unknown) =>
      wxSubscribeSender({ subscribeMessage: { send: () => Promise.reject(e) } }).send({
        touser: 'o',
        templateId: 't',
        page: 'p',
        data: {},
      });
    expect(await throwing(Object.assign(new Error('busy'), { errCode: -1 }))).toMatchObject({ code: -1 });
    expect(await throwing(Object.assign(new Error('busy'), { errCode: -1 }))).not.toHaveProperty('unknown');
    expect(await throwing(Object.assign(new Error('refused'), { errCode: 43101 }))).not.toHaveProperty(
      'unknown',
    );
    expect(await throwing(new Error('ESOCKETTIMEDOUT'))).toMatchObject({ unknown: true });
    expect(await throwing(Object.assign(new Error('timeout'), { errCode: -501002 }))).toMatchObject({
      unknown: true,
    });
  });
});
