import type { ActorRole, ItemCore, Step } from './item';

/**
 * Who is looking at an item, relative to it. A person who is a cadre of the item's village
 * counts as a cadre even if they hold another role there: cadres never see a hidden name.
 */
export type Viewer = 'reporter' | 'town' | 'cadre' | 'supervisor' | 'public';

export const ANONYMOUS = '匿名';

/** Whether this viewer may read the reporter's name. */
export function seesReporter(item: Pick<ItemCore, 'showName'>, viewer: Viewer): boolean {
  if (viewer === 'reporter' || viewer === 'town' || viewer === 'supervisor') return true;
  return item.showName;
}

export function reporterLabel(item: Pick<ItemCore, 'showName' | 'reporterName'>, viewer: Viewer): string {
  if (!seesReporter(item, viewer)) return ANONYMOUS;
  // The 村监委 and the town see a hidden name marked as such, so they never pass it on.
  return item.showName || viewer === 'reporter' ? item.reporterName : `${item.reporterName}（不公开）`;
}

const ROLE_LABEL: Record<ActorRole, string> = {
  reporter: '反映人',
  supervisor: '村监委',
  cadre: '村干部',
  town: '镇纪委',
  system: '系统',
};

/** The actor of a step as this viewer may see it. */
export function actorLabel(
  item: Pick<ItemCore, 'showName' | 'reporterName'>,
  step: Step,
  viewer: Viewer,
): string {
  const role = ROLE_LABEL[step.actor.role];
  if (step.actor.role === 'system') return role;
  if (step.actor.role === 'reporter') {
    return seesReporter(item, viewer) ? `${role} ${reporterLabel(item, viewer)}` : role;
  }
  return `${role} ${step.actor.name}`;
}
