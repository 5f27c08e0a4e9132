import { viewerOf } from '../../cloudfunctions/assessment/policy';
import type { Role } from '../../cloudfunctions/common/contracts/shared';
import type { UserDoc, VillageDoc } from '../../cloudfunctions/common/identity';

/** Who acts for a village's sheet, as one table: the village's cadres and supervisors, its town's admins. */
const village: VillageDoc = { _id: 'v-a', name: '甲村', townId: 't-1', trackingSince: '2026-01' };
const user = (roles: Role[], villageId: string | null, townId = 't-1'): UserDoc => ({
  _id: 'u',
  name: '某人',
  townId,
  villageId,
  roles,
  boundAt: '2026-01-01T00:00:00.000Z',
  via: 'seed',
});

const TABLE: [string, UserDoc, { isVillage: boolean; isTown: boolean }][] = [
  ['cadre of the village', user(['cadre'], 'v-a'), { isVillage: true, isTown: false }],
  ['supervisor of the village', user(['resident', 'supervisor'], 'v-a'), { isVillage: true, isTown: false }],
  ['cadre of another village', user(['cadre'], 'v-b'), { isVillage: false, isTown: false }],
  ['resident of the village', user(['resident'], 'v-a'), { isVillage: false, isTown: false }],
  [
    'representative of the village',
    user(['resident', 'representative'], 'v-a'),
    { isVillage: false, isTown: false },
  ],
  ['town admin of its town', user(['townAdmin'], null), { isVillage: false, isTown: true }],
  ['town admin of another town', user(['townAdmin'], null, 't-2'), { isVillage: false, isTown: false }],
];

test.each(TABLE)('%s', (_who, u, expected) => {
  expect(viewerOf(u, village)).toMatchObject(expected);
});
