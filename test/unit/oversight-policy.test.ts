/**
 * The oversight policy as a table: persona × action × village. Each row names who may do the
 * action to an item of village A reported by resident A; everyone else must be refused.
 */
import type { UserDoc } from '../../cloudfunctions/common/identity';
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import { allows, POLICY, viewerOf, type OversightAction } from '../../cloudfunctions/oversight/policy';

const user = (id: string, villageId: string | null, roles: Role[], townId = 'town-a'): UserDoc => ({
  _id: id,
  name: id,
  townId,
  villageId,
  roles,
  boundAt: '2026-01-01T00:00:00.000Z',
  via: 'seed',
});

const PEOPLE = {
  reporterA: user('reporter-a', 'v-a', ['resident']),
  residentA: user('resident-a', 'v-a', ['resident']),
  cadreA: user('cadre-a', 'v-a', ['cadre']),
  supervisorA: user('supervisor-a', 'v-a', ['resident', 'supervisor']),
  residentB: user('resident-b', 'v-b', ['resident']),
  cadreB: user('cadre-b', 'v-b', ['cadre']),
  supervisorB: user('supervisor-b', 'v-b', ['supervisor']),
  town: user('town', null, ['townAdmin']),
  otherTown: user('other-town', null, ['townAdmin'], 'town-b'),
};
type Who = keyof typeof PEOPLE;

const ITEM = { villageId: 'v-a', townId: 'town-a', reporterId: 'reporter-a' };

/** Who may, for an item (or the village) of village A. Everyone not listed may not. */
const TABLE: Record<OversightAction, Who[]> = {
  raise: ['reporterA', 'residentA', 'cadreA', 'supervisorA'],
  mine: ['reporterA', 'residentA', 'cadreA', 'supervisorA'],
  get: ['reporterA', 'cadreA', 'supervisorA', 'town'],
  inbox: ['cadreA', 'supervisorA', 'town'],
  accept: ['supervisorA'],
  refer: ['supervisorA'],
  answer: ['cadreA'],
  verify: ['supervisorA'],
  rate: ['reporterA'],
  object: ['reporterA'],
  instruct: ['town'],
  takeOver: ['town'],
  close: ['town'],
  aboutDisclosure: ['reporterA', 'residentA', 'cadreA', 'supervisorA', 'town'],
  townView: ['town'],
  deadlines: ['reporterA', 'residentA', 'cadreA', 'supervisorA', 'town'],
  setDeadlines: ['town'],
  logMonth: ['cadreA', 'supervisorA', 'town'],
  logAdd: ['supervisorA'],
  fixUpdate: ['cadreA', 'supervisorA', 'town'],
  logExport: ['cadreA', 'supervisorA', 'town'],
};

const rows: [OversightAction, Who, boolean][] = [];
for (const action of Object.keys(POLICY) as OversightAction[]) {
  for (const who of Object.keys(PEOPLE) as Who[]) rows.push([action, who, TABLE[action].includes(who)]);
}

test('the table names every action of the policy', () => {
  expect(Object.keys(TABLE).sort()).toEqual(Object.keys(POLICY).sort());
});

test.each(rows)('%s by %s on village A: %s', (action, who, expected) => {
  expect(allows(PEOPLE[who], action, ITEM)).toBe(expected);
});

test('a cadre who also sits on the 村监委 is shown items as a cadre', () => {
  expect(viewerOf(user('both', 'v-a', ['cadre', 'supervisor']), ITEM)).toBe('cadre');
  expect(viewerOf(PEOPLE.supervisorA, ITEM)).toBe('supervisor');
  expect(viewerOf(PEOPLE.reporterA, ITEM)).toBe('reporter');
});
