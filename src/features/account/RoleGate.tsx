import type { ReactNode } from 'react';
import type { Binding } from '@common/contracts/account';
import type { Role } from '@common/contracts/shared';
import { EmptyState, ErrorView, Loading } from '../shared/StateViews';
import { hasAnyRole, useMe } from './session';

/**
 * Shows a work page only to those whose roles open it. The server checks again on every
 * action; this only spares people a form they cannot submit.
 */
export function RoleGate({ roles, children }: { roles: Role[]; children: (b: Binding) => ReactNode }) {
  const me = useMe();
  if (!me.data) return me.error ? <ErrorView error={me.error} onRetry={me.reload} /> : <Loading />;
  const b = me.data.binding;
  if (!b) return <EmptyState title="您还没有加入村庄" hint="请先在“我的”页面加入村庄。" />;
  if (!hasAnyRole(b, ...roles))
    return <EmptyState title="您没有进行此操作的权限" hint="这里是村干部、村监委或镇管理员的工作页面。" />;
  return <>{children(b)}</>;
}
