/**
 * Meetings of record entered late (补录): a cadre may still enter a meeting of a past period,
 * but one entered after the period ended and its grace passed shows as 补录 with the day it was
 * entered (by the server's clock, China date), and the town view counts it apart.
 */
import type { RegularMeeting, TownVillageRow } from '../../cloudfunctions/common/contracts/decisions';
import { decisionsActions } from '../../cloudfunctions/decisions';
import {
  isLateEntry,
  LATE_ENTRY_GRACE_DAYS,
  periodLastDay,
} from '../../cloudfunctions/decisions/domain/meetings';
import { P, VILLAGE_A, VILLAGE_B } from './builders';
import { okOf, twoTownsEach } from './world';

const PHOTO = [{ fileId: '/files/minutes01.jpg', name: '会议记录', kind: 'image' }];
let rid = 0;
const attendance = (villageId: string, heldOn: string, over: Record<string, unknown> = {}) => ({
  requestId: `req-late-${String(++rid).padStart(4, '0')}`,
  villageId,
  kind: 'attendance',
  heldOn,
  entitled: 9,
  present: 8,
  topics: '党员、村民代表列席两委会议',
  minutes: PHOTO,
  ...over,
});

const w = twoTownsEach();
const ok = okOf(w.caller(decisionsActions));
const records = async (who: string) => (await ok<{ records: RegularMeeting[] }>(who, 'regular', {})).records;

describe('late entries of meetings of record (补录)', () => {
  test('the rule: the period ends on its last day, then the grace runs', () => {
    expect(LATE_ENTRY_GRACE_DAYS).toBe(15);
    expect(periodLastDay('attendance', '2026-02')).toBe('2026-02-28');
    expect(periodLastDay('attendance', '2028-02')).toBe('2028-02-29');
    expect(periodLastDay('reportToParty', '2026-Q4')).toBe('2026-12-31');
    expect(isLateEntry('attendance', '2026-02', '2026-03-15')).toBe(false);
    expect(isLateEntry('attendance', '2026-02', '2026-03-16')).toBe(true);
    expect(isLateEntry('reportToParty', '2026-Q4', '2027-01-15')).toBe(false);
    expect(isLateEntry('reportToParty', '2026-Q4', '2027-01-16')).toBe(true);
  });

  test('a meeting entered months after its period is marked with the day it was entered; one within the grace is not', async () => {
    // 2026-03-15 10:00 China: January ended more than 15 days ago, February exactly 15 days ago.
    const late = await ok<RegularMeeting>(P.cadreA, 'recordRegular', attendance(VILLAGE_A, '2026-01-12'));
    const onTime = await ok<RegularMeeting>(P.cadreA, 'recordRegular', attendance(VILLAGE_A, '2026-02-10'));
    expect(late).toMatchObject({ periodKey: '2026-01', enteredOn: '2026-03-15', late: true });
    expect(onTime).toMatchObject({ periodKey: '2026-02', enteredOn: '2026-03-15', late: false });
    // The 村监委 and villagers see the same marks.
    for (const who of [P.supervisorA, P.residentA])
      expect((await records(who)).map((r) => [r.periodKey, r.late, r.enteredOn])).toEqual([
        ['2026-02', false, '2026-03-15'],
        ['2026-01', true, '2026-03-15'],
      ]);
    // It clears the missing mark (the meeting may well have been held), but the town counts it apart.
    const town = await ok<{ villages: TownVillageRow[] }>(P.townAdmin, 'townView', {});
    const row = town.villages.find((v) => v.villageId === VILLAGE_A);
    expect(row?.missingMeetings.count).toBe(0);
    expect(row?.heldMeetings).toEqual({ onTime: 1, late: 1 });
  });

  test('the day entered is the China date of the server clock, around midnight', async () => {
    w.clock.set('2026-03-15T15:59:00.000Z'); // 23:59 on 3月15日 in China: the last day of grace
    expect(await ok(P.cadreA, 'recordRegular', attendance(VILLAGE_A, '2026-02-10'))).toMatchObject({
      enteredOn: '2026-03-15',
      late: false,
    });
    w.clock.set('2026-03-15T16:00:00.000Z'); // 00:00 on 3月16日 in China
    expect(await ok(P.cadreB, 'recordRegular', attendance(VILLAGE_B, '2026-02-10'))).toMatchObject({
      enteredOn: '2026-03-16',
      late: true,
    });
  });

  test('the client cannot send its own entered day or mark, and a retry later keeps the first day', async () => {
    const input = attendance(VILLAGE_A, '2026-01-12', {
      enteredOn: '2026-01-12',
      at: '2026-01-12T02:00:00.000Z',
      late: false,
    });
    const first = await ok<RegularMeeting>(P.cadreA, 'recordRegular', input);
    expect(first).toMatchObject({ enteredOn: '2026-03-15', late: true });
    const stored = await w.store.collection('regularMeetings').get(first.id);
    expect(stored).toMatchObject({ at: '2026-03-15T02:00:00.000Z' });
    expect(stored).not.toHaveProperty('enteredOn');
    expect(stored).not.toHaveProperty('late');
    w.clock.set('2026-04-20T02:00:00.000Z');
    expect(await ok(P.cadreA, 'recordRegular', input)).toMatchObject({ enteredOn: '2026-03-15', late: true });
    const town = await ok<{ villages: TownVillageRow[] }>(P.townAdmin, 'townView', {});
    expect(town.villages.find((v) => v.villageId === VILLAGE_A)?.heldMeetings).toEqual({
      onTime: 0,
      late: 1,
    });
  });
});
