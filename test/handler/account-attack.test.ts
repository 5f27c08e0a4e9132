/**
 * The account context as an attacker sees it: a cadre steering who is who in their own village.
 */
import type { Claim, Invitation } from '../../cloudfunctions/common/contracts/account';
import { accountActions } from '../../cloudfunctions/account/actions';
import { rosterOf } from '../../cloudfunctions/account/store';
import { rosterIdOf } from '../../cloudfunctions/account/roster';
import { P, VILLAGE_A, okData } from './builders';
import { refusedOf, twoTownsEach } from './world';

const w = twoTownsEach();
const call = w.caller(accountActions);
const refused = refusedOf(w, call);

describe('claims', () => {
  test('a cadre bound by invitation cannot approve their own claim on a villager’s roster entry', async () => {
    // The town makes the newcomer a cadre of village A; the cadre imports the roster, so knows
    // 何志远's name and the last four digits of his phone.
    const inv = okData<Invitation>(
      await call(P.townAdmin, 'createInvitation', { villageId: VILLAGE_A, roles: ['cadre'] }),
    );
    okData(await call(P.newcomer, 'redeemInvitation', { code: inv.code, name: '周建国' }));
    okData(
      await call(P.newcomer, 'importRoster', {
        villageId: VILLAGE_A,
        entries: [{ name: '何志远', phoneLast4: '5408' }],
      }),
    );
    const c = okData<Claim>(
      await call(P.newcomer, 'claimRoster', { villageId: VILLAGE_A, name: '何志远', phoneLast4: '5408' }),
    );
    await refused(P.newcomer, 'reviewClaim', { claimId: c.id, approve: true }, 'FORBIDDEN_ROLE');
    expect((await rosterOf(w.store).get(rosterIdOf(VILLAGE_A, '何志远', '5408')))?.claimedBy).toBeNull();
    // Another cadre of the village decides it (and sees it is not the newcomer's own name).
    okData(await call(P.cadreA, 'reviewClaim', { claimId: c.id, approve: false }));
  });
});
