/**
 * The oversight policy beyond test/handler/policy.test.ts. That table calls every action as each
 * demo persona through the router; its only person of another village is a cadre and its other
 * town has only an admin. Here, on the pure policy: nobody of another village or town may do
 * anything to an item of village A (whatever their role), and whom an item is shown as.
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

const ITEM = { villageId: 'v-a', townId: 'town-a', reporterId: 'reporter-a' };

const OUTSIDERS = {
  'a resident of village B': user('resident-b', 'v-b', ['resident']),
  'a representative of village B': user('representative-b', 'v-b', ['resident', 'representative']),
  'a cadre of village B': user('cadre-b', 'v-b', ['cadre']),
  'a 村监委 member of village B': user('supervisor-b', 'v-b', ['resident', 'supervisor']),
  'a cadre on the 村监委 of village B': user('both-b', 'v-b', ['cadre', 'supervisor']),
  "another town's admin": user('other-town', null, ['townAdmin'], 'town-b'),
};

test.each(Object.keys(POLICY) as OversightAction[])('%s: nobody of another village or town', (action) => {
  const allowed = Object.entries(OUTSIDERS).filter(([, u]) => allows(u, action, ITEM));
  expect(allowed.map(([who]) => who)).toEqual([]);
});

test('the policy is not blind: the same roles in village A are allowed what the table says', () => {
  expect(allows(user('supervisor-a', 'v-a', ['resident', 'supervisor']), 'accept', ITEM)).toBe(true);
  expect(allows(user('cadre-a', 'v-a', ['cadre']), 'answer', ITEM)).toBe(true);
  expect(allows(user('town', null, ['townAdmin']), 'close', ITEM)).toBe(true);
  expect(allows(user('reporter-a', 'v-a', ['resident']), 'rate', ITEM)).toBe(true);
});

test('a cadre who also sits on the 村监委 is shown items as a cadre', () => {
  expect(viewerOf(user('both', 'v-a', ['cadre', 'supervisor']), ITEM)).toBe('cadre');
  expect(viewerOf(user('supervisor-a', 'v-a', ['resident', 'supervisor']), ITEM)).toBe('supervisor');
  expect(viewerOf(user('reporter-a', 'v-a', ['resident']), ITEM)).toBe('reporter');
  expect(viewerOf(user('resident-a', 'v-a', ['resident']), ITEM)).toBe('public');
});
