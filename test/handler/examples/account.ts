import { DONGLING } from '../demo-town';
import type { Examples } from './types';

export const accountExamples: Examples<'account'> = {
  me: { persona: 'resident', input: {} },
  home: { persona: 'resident', input: { villageId: DONGLING } },
  villages: {
    persona: 'newcomer',
    input: { townId: 'town-qinghe' },
    malformed: () => [['an id with spaces', { townId: 'a b' }]],
  },
  createInvitation: {
    persona: 'cadre',
    input: { villageId: DONGLING, roles: ['resident'], maxUses: 2, validDays: 7 },
    malformed: (v) => [
      ['an unknown role', { ...v, roles: ['mayor'] }],
      ['no roles', { ...v, roles: [] }],
      ['no uses', { ...v, maxUses: 0 }],
    ],
  },
  redeemInvitation: {
    persona: 'newcomer',
    input: async (town) => {
      const inv = await town.data<{ code: string }>('account', 'cadre', 'createInvitation', {
        villageId: DONGLING,
        roles: ['resident'],
      });
      return { code: inv.code, name: '张三丰' };
    },
    malformed: (v) => [['a code of 7 characters', { ...v, code: 'ABCDEFG' }]],
  },
  importRoster: {
    persona: 'cadre',
    input: { villageId: DONGLING, entries: [{ name: '郑卫东', phoneLast4: '6623', roles: ['resident'] }] },
    malformed: (v) => [
      ['an empty roster', { ...v, entries: [] }],
      ['phone digits of 3', { ...v, entries: [{ name: '郑卫东', phoneLast4: '662' }] }],
      [
        'a cadre role in the roster',
        { ...v, entries: [{ name: '郑卫东', phoneLast4: '6623', roles: ['cadre'] }] },
      ],
    ],
  },
  claimRoster: {
    persona: 'newcomer',
    input: { villageId: DONGLING, name: '马秀英', phoneLast4: '3721' },
    malformed: (v) => [['a one-character name', { ...v, name: '马' }]],
  },
  listClaims: { persona: 'cadre', input: { villageId: DONGLING } },
  reviewClaim: {
    persona: 'cadre',
    input: async (town) => {
      const c = await town.data<{ id: string }>('account', 'newcomer', 'claimRoster', {
        villageId: DONGLING,
        name: '马秀英',
        phoneLast4: '3721',
      });
      return { claimId: c.id, approve: true };
    },
  },
  listMembers: { persona: 'cadre', input: { villageId: DONGLING } },
  myRelatives: { persona: 'cadre', input: {} },
  declareRelatives: {
    persona: 'supervisor',
    input: { requestId: 'req-example-relatives', relatives: [{ name: '李建国', relation: 'sibling' }] },
    malformed: (v) => [
      ['an unknown relation', { ...v, relatives: [{ name: '李建国', relation: 'friend' }] }],
    ],
  },
};
