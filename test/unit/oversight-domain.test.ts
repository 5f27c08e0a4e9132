/** Pure rules of 问题反映: China-time deadlines, the state table, the figures. */
import { chinaDaysBetween, dueAfter } from '../../cloudfunctions/oversight/domain/deadlines';
import { decide, dueSteps, raiseItem, type Actor } from '../../cloudfunctions/oversight/domain/item';
import { medianOfHistogram, satisfactionOf } from '../../cloudfunctions/oversight/domain/stats';

const reporter: Actor = { id: 'r', name: '张桂兰', role: 'reporter' };
const item = (at: string) =>
  raiseItem(
    {
      villageId: 'v',
      townId: 't',
      category: 'finance',
      subject: { kind: 'general' },
      showName: false,
      allowPublic: true,
      deadlines: { acceptDays: 3, answerDays: 15, rateDays: 15 },
    },
    reporter,
    '问题内容很长',
    [],
    at,
  );

test('deadlines end when a China day ends, whatever the hour of the start', () => {
  // 23:30 China time on 15 March is still 15 March: due at the end of 18 March.
  expect(dueAfter('2026-03-15T15:30:00.000Z', 3)).toBe('2026-03-18T16:00:00.000Z');
  // 00:30 China time on 16 March (16:30 UTC on the 15th): due at the end of 19 March.
  expect(dueAfter('2026-03-15T16:30:00.000Z', 3)).toBe('2026-03-19T16:00:00.000Z');
  expect(chinaDaysBetween('2026-03-15T15:30:00.000Z', '2026-03-15T16:30:00.000Z')).toBe(1);
});

test('nothing is due before the deadline; the escalation is dated at the deadline', () => {
  const i = item('2026-03-15T02:00:00.000Z');
  expect(dueSteps(i, new Date('2026-03-18T15:59:59.999Z'))).toEqual([]);
  expect(dueSteps(i, new Date('2026-04-30T00:00:00.000Z'))).toMatchObject([
    { kind: 'escalated', reason: 'acceptOverdue', at: '2026-03-18T16:00:00.000Z', seq: 2 },
  ]);
});

test('a closed item refuses everything but one objection', () => {
  const closed = {
    ...item('2026-03-15T02:00:00.000Z'),
    state: 'closed' as const,
    rating: 'satisfied' as const,
  };
  const at = '2026-03-16T00:00:00.000Z';
  expect(decide(closed, { kind: 'answer', text: 'x', photos: [] }, reporter, at)).toEqual({
    ok: false,
    code: 'ITEM_CLOSED',
  });
  expect(decide(closed, { kind: 'rate', rating: 'basic', comment: '' }, reporter, at)).toEqual({
    ok: false,
    code: 'ALREADY_RATED',
  });
  const o = decide(closed, { kind: 'object', text: '不同意' }, reporter, at);
  expect(o.ok && o.steps.map((s) => s.kind)).toEqual(['objected', 'escalated']);
});

test('median of answer days and satisfaction', () => {
  expect(medianOfHistogram({})).toBeNull();
  expect(medianOfHistogram({ 1: 1, 3: 1, 10: 1 })).toBe(3);
  expect(medianOfHistogram({ 2: 2, 9: 2 })).toBe(2);
  expect(satisfactionOf({ satisfied: 8, basic: 1, unsatisfied: 1 })).toEqual({ rate: 0.9, rated: 10 });
});
