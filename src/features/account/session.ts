import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { Binding } from '@common/contracts/account';
import type { Role } from '@common/contracts/shared';
import { call } from '@/services/api';
import { readStored, writeStored } from '../shared/storage';
import { useRequest } from '../shared/useRequest';

const SESSION_EVENT = 'session.changed';

/** The caller's binding (village and roles), cached so pages can decide what to show at once. */
export function useMe() {
  const me = useRequest(() => call('account', 'me', {}), [], { cache: 'me' });
  const { reload } = me;
  useEffect(() => {
    Taro.eventCenter.on(SESSION_EVENT, reload);
    return () => {
      Taro.eventCenter.off(SESSION_EVENT, reload);
    };
  }, [reload]);
  return me;
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
