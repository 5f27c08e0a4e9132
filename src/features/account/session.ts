import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { Binding, Me } from '@common/contracts/account';
import type { Role } from '@common/contracts/shared';
import { call, getPersona } from '@/services/api';
import { cacheKey, readStored, writeStored } from '../shared/storage';
import { useRequest } from '../shared/useRequest';

const SESSION_EVENT = 'session.changed';

/** The caller's binding (village and roles), cached so pages can decide what to show at once. */
export function useMe() {
  const me = useRequest(() => call('account', 'me', {}), [], { cache: 'me' });
  useSessionChanged(me.reload);
  return me;
}

/** Who the caller was at the last look, from any page (undefined before the first). */
export function knownMe(): Me | undefined {
  return readStored<Me>(cacheKey(getPersona(), 'me'));
}

/**
 * Keeps who the caller is when a page learnt it another way (the home's one call), under the
 * persona the call was made for: an answer that arrives after a switch is not the new persona's.
 */
export function rememberMe(me: Me, persona: string = getPersona()): void {
  writeStored(cacheKey(persona, 'me'), me);
}

/** Reloads `reload` whenever the session changes (after binding). */
export function useSessionChanged(reload: () => void): void {
  useEffect(() => {
    Taro.eventCenter.on(SESSION_EVENT, reload);
    return () => {
      Taro.eventCenter.off(SESSION_EVENT, reload);
    };
  }, [reload]);
}

/** After binding (invitation, approved claim): every open page reloads who the caller is. */
export function sessionChanged(): void {
  Taro.eventCenter.trigger(SESSION_EVENT);
}

export const hasAnyRole = (b: Binding | null | undefined, ...roles: Role[]) =>
  !!b && b.roles.some((r) => roles.includes(r));

export const isCadre = (b: Binding | null | undefined) => hasAnyRole(b, 'cadre');
export const isTownAdmin = (b: Binding | null | undefined) => hasAnyRole(b, 'townAdmin');

/**
 * The village a town admin is looking at (they are bound to the town, not a village): set
 * when they open a village from the town overview, used by the home and list pages.
 */
const VIEW_KEY = 'view.village';
export interface ViewedVillage {
  id: string;
  name: string;
}
export function viewedVillage(): ViewedVillage | undefined {
  return readStored<ViewedVillage>(VIEW_KEY);
}
export function setViewedVillage(v: ViewedVillage): void {
  writeStored(VIEW_KEY, v);
}
