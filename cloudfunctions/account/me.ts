import { accountInputs as I, type AccountOutputs, type Binding, type Me } from '../common/contracts/account';
import { DomainError } from '../common/errors';
import { towns, villages } from '../common/identity';
import { action } from '../common/router';
import { villageHome } from '../disclosure/public';
import { myRoundEntry } from '../survey/public';
import { findAll } from '../common/store/port';
import { claimsOf, rosterOf } from './store';
import { bindingOf, claimOf } from './views';

/** Who the caller is, their home in one call, and the villages to choose from. */

export const me = action(I.me, async (_input, ctx) => {
  const p = ctx.principal;
  // A person bound by invitation may still link their own roster entry (one person, one
  // voter): they see whether it is linked and their pending claim, if any.
  const mayLink = !!p.user && p.user.via === 'invitation' && !!p.user.villageId;
  const [pending, linked] = await Promise.all([
    p.user && !mayLink ? [] : claimsOf(ctx.store).find({ openid: p.openid, status: 'pending' }, { limit: 1 }),
    mayLink ? rosterOf(ctx.store).count({ villageId: p.user!.villageId, claimedBy: p.openid }) : 0,
  ]);
  const reply: AccountOutputs['me'] = {
    signedIn: true,
    binding: p.user ? await bindingOf(ctx.store, p.user) : null,
    pendingClaim: pending[0] ? claimOf(pending[0]) : null,
  };
  if (mayLink) reply.rosterLink = linked > 0 ? 'linked' : 'unlinked';
  return reply;
});

export const home = action(I.home, async (input, ctx) => {
  const p = ctx.principal;
  const u = p.user;
  if (!u) {
    const pending = await claimsOf(ctx.store).find({ openid: p.openid, status: 'pending' }, { limit: 1 });
    const me: Me = { signedIn: true, binding: null, pendingClaim: pending[0] ? claimOf(pending[0]) : null };
    return { me, home: null, homeError: null };
  }
  const binding = (townName: string, villageName: string | null): Binding => ({
    name: u.name,
    townId: u.townId,
    townName,
    villageId: u.villageId,
    villageName,
    roles: u.roles,
  });
  if (input.villageId || u.villageId) {
    try {
      // The read model knows the village's and the town's names: nothing else to read.
      const home = await villageHome(ctx.store, p, input.villageId, ctx.clock.now());
      // Whether I may and did answer the open round: my own entry, only when a round is open.
      const survey = home.feed.survey;
      if (survey && u.villageId === home.village.id)
        Object.assign(survey, await myRoundEntry(ctx.store, p, survey.round.id));
      const me: Me = {
        signedIn: true,
        binding: binding(home.village.townName, u.villageId ? home.village.name : null),
        pendingClaim: null,
      };
      return { me, home, homeError: null };
    } catch (e) {
      // A town admin's chosen village may be gone: say so, and still tell who they are so they
      // can pick another. A village of another town is refused like every other action does.
      if (
        !(e instanceof DomainError) ||
        e.code === 'FORBIDDEN_VILLAGE' ||
        !input.villageId ||
        !u.roles.includes('townAdmin')
      )
        throw e;
      const me: Me = { signedIn: true, binding: await bindingOf(ctx.store, u), pendingClaim: null };
      return { me, home: null, homeError: { code: e.code, message: e.message } };
    }
  }
  const town = await towns(ctx.store).get(u.townId);
  return {
    me: { signedIn: true, binding: binding(town?.name ?? '', null), pendingClaim: null },
    home: null,
    homeError: null,
  };
});

export const listVillages = action(I.villages, async (input, ctx) => {
  const townId = ctx.principal.user?.townId ?? input.townId;
  const list = await findAll(villages(ctx.store), townId ? { townId } : {}, { sort: { name: 1 } });
  return { villages: list.map((v) => ({ id: v._id, name: v.name, townId: v.townId })) };
});
