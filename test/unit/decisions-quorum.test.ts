/**
 * 票决 arithmetic of each kind of meeting, at the boundaries the law draws (村民委员会组织法
 * Arts. 22 and 26; the 党员大会 by the Party's rules of meetings): exactly two thirds present is a
 * quorum of a 村民代表会议; exactly half in favour is not a decision.
 */
import {
  evaluate,
  hasQuorum,
  tallyProblems,
  thresholds,
  type Tally,
} from '../../cloudfunctions/decisions/domain/quorum';

const t = (
  entitled: number,
  present: number,
  votesFor: number,
  votesAgainst = 0,
  abstentions = 0,
): Tally => ({
  entitled,
  present,
  votesFor,
  votesAgainst,
  abstentions,
});

describe('村民代表会议 (村民委员会组织法 Art. 26)', () => {
  test('Art. 26: exactly two thirds of the members present is a quorum (20 of 30)', () => {
    expect(hasQuorum('representatives', t(30, 20, 11))).toBe(true);
  });
  test('Art. 26: one short of two thirds is no quorum (19 of 30), whatever the votes', () => {
    expect(evaluate('representatives', t(30, 19, 19))).toEqual({ quorum: false, outcome: 'noQuorum' });
  });
  test('Art. 26: two thirds of a number not divisible by three rounds up (21 of 31 is short, 21 of 31 → needs 21)', () => {
    expect(hasQuorum('representatives', t(31, 20, 20))).toBe(false);
    expect(hasQuorum('representatives', t(31, 21, 20))).toBe(true);
    expect(thresholds('representatives', 31, 21).present).toBe(21);
  });
  test('Art. 26: exactly half of those present in favour does not pass (10 of 20)', () => {
    expect(evaluate('representatives', t(30, 20, 10, 10))).toEqual({ quorum: true, outcome: 'rejected' });
  });
  test('Art. 26: one more than half of those present passes (11 of 20)', () => {
    expect(evaluate('representatives', t(30, 20, 11, 9))).toEqual({ quorum: true, outcome: 'passed' });
  });
  test('Art. 26: the majority is of those present, not of the members (11 of 20 present passes with 30 members)', () => {
    expect(evaluate('representatives', t(30, 20, 11, 2, 7)).outcome).toBe('passed');
  });
});

describe('村民会议 (村民委员会组织法 Art. 22)', () => {
  test('Art. 22: exactly half of the adult villagers present is no quorum (400 of 800)', () => {
    expect(hasQuorum('villagers', t(800, 400, 300))).toBe(false);
  });
  test('Art. 22: more than half of the adult villagers present is a quorum (401 of 800)', () => {
    expect(hasQuorum('villagers', t(800, 401, 300))).toBe(true);
  });
  test('Art. 22: exactly two thirds of the households represented is a quorum (200 of 300 households)', () => {
    expect(hasQuorum('villagers', { ...t(800, 250, 200), households: { entitled: 300, present: 200 } })).toBe(
      true,
    );
    expect(hasQuorum('villagers', { ...t(800, 250, 200), households: { entitled: 300, present: 199 } })).toBe(
      false,
    );
  });
  test('Art. 22: exactly half of those present in favour does not pass (201 of 402)', () => {
    expect(evaluate('villagers', t(800, 402, 201)).outcome).toBe('rejected');
    expect(evaluate('villagers', t(800, 402, 202)).outcome).toBe('passed');
  });
});

describe('党员大会 (more than half of voting members present; more than half of those entitled in favour)', () => {
  test('党员大会: exactly half of the voting members present is no quorum (19 of 38)', () => {
    expect(hasQuorum('partyCongress', t(38, 19, 19))).toBe(false);
    expect(hasQuorum('partyCongress', t(38, 20, 19))).toBe(true);
  });
  test('党员大会: a majority of those present but exactly half of those entitled does not pass (19 of 38)', () => {
    expect(evaluate('partyCongress', t(38, 30, 19, 11))).toEqual({ quorum: true, outcome: 'rejected' });
  });
  test('党员大会: more than half of those entitled passes (20 of 38)', () => {
    expect(evaluate('partyCongress', t(38, 30, 20, 10))).toEqual({ quorum: true, outcome: 'passed' });
    expect(thresholds('partyCongress', 38, 30).votesFor).toBe(20);
  });
});

describe('两委联席会议 (product rule: more than half present; more than half of those present)', () => {
  test('committee: exactly half present is no quorum, exactly half in favour does not pass', () => {
    expect(hasQuorum('committee', t(8, 4, 4))).toBe(false);
    expect(evaluate('committee', t(8, 6, 3, 3)).outcome).toBe('rejected');
    expect(evaluate('committee', t(8, 6, 4, 2)).outcome).toBe('passed');
  });
});

describe('impossible numbers', () => {
  test('present above entitled, votes above present', () => {
    expect(tallyProblems('representatives', t(30, 31, 10))).toEqual(['PRESENT_ABOVE_ENTITLED']);
    expect(tallyProblems('representatives', t(30, 20, 15, 5, 1))).toEqual(['VOTES_ABOVE_PRESENT']);
    expect(tallyProblems('representatives', t(30, 20, 15, 5, 0))).toEqual([]);
  });
  test('households only for a 村民会议, and never more present than entitled', () => {
    expect(
      tallyProblems('representatives', { ...t(30, 20, 11), households: { entitled: 10, present: 5 } }),
    ).toEqual(['HOUSEHOLDS_INVALID']);
    expect(
      tallyProblems('villagers', { ...t(800, 401, 300), households: { entitled: 300, present: 301 } }),
    ).toEqual(['HOUSEHOLDS_INVALID']);
  });
  test('nobody entitled is never a quorum', () => {
    expect(hasQuorum('committee', t(0, 0, 0))).toBe(false);
  });
});
