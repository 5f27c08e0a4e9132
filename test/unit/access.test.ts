import {
  actsFor,
  assertMayName,
  inVillage,
  townAdminOf,
  type Standing,
} from '../../cloudfunctions/common/access';
import type { Role } from '../../cloudfunctions/common/contracts/shared';

/** "May this person see or change this village", as one table: person × village × roles asked. */
const east = { _id: 'v-east', townId: 't-1' };
const west = { _id: 'v-west', townId: 't-1' };
const otherTown = { _id: 'v-far', townId: 't-2' };

const person = (roles: Role[], villageId: string | null, townId = 't-1'): Standing => ({
  roles,
  villageId,
  townId,
});
const cadreEast = person(['resident', 'cadre'], 'v-east');
const supervisorEast = person(['resident', 'supervisor'], 'v-east');
const residentEast = person(['resident'], 'v-east');
const townAdmin = person(['townAdmin'], null);
const farAdmin = person(['townAdmin'], null, 't-2');

test.each([
  ['a cadre in their own village', cadreEast, east, ['cadre', 'townAdmin'], true],
  ['a cadre in the next village', cadreEast, west, ['cadre', 'townAdmin'], false],
  ['a supervisor where only cadres act', supervisorEast, east, ['cadre', 'townAdmin'], false],
  ['a supervisor where stewards act', supervisorEast, east, ['cadre', 'supervisor'], true],
  ['a resident where cadres act', residentEast, east, ['cadre', 'townAdmin'], false],
  ['a town admin in a village of their town', townAdmin, west, ['cadre', 'townAdmin'], true],
  ['a town admin where only the village acts', townAdmin, west, ['cadre', 'supervisor'], false],
  ['a town admin in another town', farAdmin, east, ['cadre', 'townAdmin'], false],
  ['a cadre whose village id names another town', person(['cadre'], 'v-far'), otherTown, ['cadre'], false],
  ['nobody signed in', null, east, ['cadre', 'townAdmin'], false],
] as const)('%s: %s', (_what, user, village, roles, expected) => {
  expect(actsFor(user, village, ...roles)).toBe(expected);
});

test('membership needs the village and its town; a town-level target has no members', () => {
  expect(inVillage(residentEast, east)).toBe(true);
  expect(inVillage(residentEast, west)).toBe(false);
  expect(inVillage(residentEast, { _id: 'v-east', townId: 't-2' })).toBe(false);
  expect(inVillage(residentEast, { _id: null, townId: 't-1' })).toBe(false);
  expect(townAdminOf(townAdmin, 't-1')).toBe(true);
  expect(townAdminOf(farAdmin, 't-1')).toBe(false);
  expect(townAdminOf(cadreEast, 't-1')).toBe(false);
});

test('a villager may name only their own village; a town admin any', () => {
  expect(() => assertMayName(residentEast, 'v-east')).not.toThrow();
  expect(() => assertMayName(residentEast, 'v-west')).toThrow(
    expect.objectContaining({ code: 'FORBIDDEN_VILLAGE' }),
  );
  expect(() => assertMayName(townAdmin, 'v-far')).not.toThrow();
});
