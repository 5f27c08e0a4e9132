/** 四议两公开: steps in order, a meeting without quorum held again, a rejection ends the matter. */
import {
  addDays,
  canRecord,
  checkStep,
  dueOf,
  progressOf,
  type RecordedStep,
  type StepRecordFacts,
} from '../../cloudfunctions/decisions/domain/steps';
import { missingMeetings, recordKey } from '../../cloudfunctions/decisions/domain/meetings';
import { queryPieces, rank } from '../../cloudfunctions/decisions/domain/powerList';

const r = (
  step: RecordedStep['step'],
  on: string,
  outcome: RecordedStep['outcome'] = null,
  confirmed = false,
): RecordedStep => ({
  step,
  on,
  outcome,
  confirmed,
});

describe('step sequence', () => {
  test('a new decision opens at 两委商议 once proposed; nothing may be skipped', () => {
    const rec = [r('proposal', '2026-10-08')];
    expect(progressOf(rec).progress).toEqual({ status: 'inProgress', next: 'committee' });
    expect(canRecord(rec, 'partyCongress', '2026-10-09')).toBe('STEP_OUT_OF_ORDER');
    expect(canRecord(rec, 'committee', '2026-10-09')).toBeNull();
    expect(canRecord(rec, 'committee', '2026-10-07')).toBe('DATE_BEFORE_PREVIOUS');
  });

  test('a meeting without quorum leaves its step open to be held again; a pass moves on', () => {
    const rec = [
      r('proposal', '2026-10-08'),
      r('committee', '2026-10-09', 'passed', true),
      r('partyCongress', '2026-10-12', 'noQuorum'),
    ];
    const p = progressOf(rec);
    expect(p.progress.next).toBe('partyCongress');
    expect(p.steps.find((s) => s.step === 'partyCongress')).toMatchObject({
      state: 'open',
      attempts: 1,
      outcome: 'noQuorum',
    });
    const again = [...rec, r('partyCongress', '2026-10-15', 'passed')];
    expect(progressOf(again).progress.next).toBe('resolution');
    expect(progressOf(again).steps.find((s) => s.step === 'partyCongress')).toMatchObject({
      state: 'done',
      attempts: 2,
    });
  });

  test('a meeting that votes it down ends the matter', () => {
    const rec = [r('proposal', '2026-10-08'), r('committee', '2026-10-09', 'rejected')];
    expect(progressOf(rec).progress).toEqual({ status: 'rejected', next: null });
    expect(canRecord(rec, 'committee', '2026-10-10')).toBe('DECISION_CLOSED');
  });

  const resolved = [
    r('proposal', '2026-10-08'),
    r('committee', '2026-10-09', 'passed', true),
    r('partyCongress', '2026-10-12', 'passed', true),
    r('resolution', '2026-10-20', 'passed', false),
  ];

  test('the resolution is published only once the 村监委 confirmed its meeting, within 7 days', () => {
    expect(progressOf(resolved).progress).toEqual({ status: 'resolved', next: 'resolutionPublic' });
    expect(canRecord(resolved, 'resolutionPublic', '2026-10-21')).toBe('NOT_CONFIRMED');
    const confirmed = resolved.map((x) => (x.step === 'resolution' ? { ...x, confirmed: true } : x));
    expect(canRecord(confirmed, 'resolutionPublic', '2026-10-21')).toBeNull();
    const p = progressOf(confirmed);
    expect(dueOf(p.steps, p.progress.next, null, 7)).toEqual({
      step: 'resolutionPublic',
      dueOn: '2026-10-27',
    });
  });

  test('all six steps make a completed decision', () => {
    const all = [...resolved, r('resolutionPublic', '2026-10-21'), r('resultPublic', '2026-11-20')];
    expect(progressOf(all).progress).toEqual({ status: 'completed', next: null });
  });

  test('dates cross months and leap days', () => {
    expect(addDays('2026-02-25', 7)).toBe('2026-03-04');
    expect(addDays('2028-02-25', 7)).toBe('2028-03-03');
  });
});

describe('the one step check of every use case', () => {
  const stored = (
    step: StepRecordFacts['step'],
    on: string,
    requestId: string,
    outcome: RecordedStep['outcome'] = null,
    confirmedAt: string | null = null,
  ): StepRecordFacts => ({ step, on, requestId, meeting: outcome ? { outcome } : null, confirmedAt });
  const records = [
    stored('proposal', '2026-10-08', 'req-1'),
    stored('committee', '2026-10-09', 'req-2', 'passed', '2026-10-09T08:00:00.000Z'),
    stored('partyCongress', '2026-10-12', 'req-3', 'noQuorum'),
  ];

  test('the same request again is a retry that writes nothing, even where a new one is refused', () => {
    expect(checkStep(records, 'req-1', 'proposal', '2026-10-08')).toEqual({ ok: true, retry: true });
  });

  test('a meeting held again is the next attempt of its step', () => {
    expect(checkStep(records, 'req-4', 'partyCongress', '2026-10-15')).toEqual({
      ok: true,
      retry: false,
      attempt: 2,
    });
    expect(checkStep(records.slice(0, 2), 'req-4', 'partyCongress', '2026-10-15')).toEqual({
      ok: true,
      retry: false,
      attempt: 1,
    });
  });

  test('a refusal names the step that is open', () => {
    expect(checkStep(records, 'req-4', 'resolution', '2026-10-15')).toEqual({
      ok: false,
      refusal: 'STEP_OUT_OF_ORDER',
      open: 'partyCongress',
    });
    expect(checkStep(records, 'req-4', 'partyCongress', '2026-10-11')).toMatchObject({
      ok: false,
      refusal: 'DATE_BEFORE_PREVIOUS',
    });
  });

  test('an unconfirmed resolution meeting cannot be published', () => {
    const resolved = [
      ...records,
      stored('partyCongress', '2026-10-15', 'req-4', 'passed', '2026-10-15T08:00:00.000Z'),
      stored('resolution', '2026-10-20', 'req-5', 'passed'),
    ];
    expect(checkStep(resolved, 'req-6', 'resolutionPublic', '2026-10-21')).toMatchObject({
      ok: false,
      refusal: 'NOT_CONFIRMED',
    });
    resolved[4] = { ...resolved[4]!, confirmedAt: '2026-10-21T01:00:00.000Z' };
    expect(checkStep(resolved, 'req-6', 'resolutionPublic', '2026-10-21')).toEqual({
      ok: true,
      retry: false,
      attempt: 1,
    });
  });
});

describe('meetings of record', () => {
  test('every ended month lacks its 列席 and every ended quarter its two reports, until recorded', () => {
    const held = new Set([recordKey('attendance', '2026-07'), recordKey('reportToParty', '2026-Q3')]);
    const missing = missingMeetings('2026-07', '2026-10-05', held);
    expect(missing).toEqual([
      { kind: 'attendance', periodKey: '2026-08' },
      { kind: 'attendance', periodKey: '2026-09' },
      { kind: 'reportToRepresentatives', periodKey: '2026-Q3' },
    ]);
  });
  test('a quarter only partly tracked is not asked for', () => {
    expect(missingMeetings('2026-08', '2026-10-05', new Set()).map((m) => m.periodKey)).toEqual([
      '2026-08',
      '2026-09',
    ]);
  });
});

describe('power list search', () => {
  const items = [
    {
      name: '最低生活保障（低保）申请',
      basis: '社会救助暂行办法',
      keywords: ['低保', '救助'],
      stepsText: '',
    },
    { name: '农村宅基地申请', basis: '土地管理法', keywords: ['建房'], stepsText: '' },
    { name: '村级印章使用', basis: '', keywords: ['公章'], stepsText: '' },
  ];
  test('a question in plain words finds the item, best first', () => {
    expect(queryPieces('低保怎么申请')).toEqual(['低保', '申请']);
    expect(rank('低保怎么申请', items).map((i) => i.name)[0]).toBe('最低生活保障（低保）申请');
    expect(rank('公章', items).map((i) => i.name)).toEqual(['村级印章使用']);
    expect(rank('盖章', items)).toEqual([]);
  });
});
