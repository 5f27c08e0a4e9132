import type { ItemDetail, ItemSummary, StepView, Subject } from '../common/contracts/oversight';
import type { UserDoc } from '../common/identity';
import { isPast } from './domain/deadlines';
import { allowedIn, currentDue, type Step } from './domain/item';
import { actorLabel, reporterLabel, type Viewer } from './domain/masking';
import { allows, answeredBy, ownHandling, viewerOf } from './policy';
import type { ItemDoc } from './store';

/**
 * Every reply about an item is built here, from what the viewer may see. A cadre's reply is
 * built without the reporter's name or id whenever the reporter hid it.
 */

export function subjectLabel(subject: Subject, title?: string): string {
  switch (subject.kind) {
    case 'general':
      return '其他事项';
    case 'disclosure':
      return `${title ?? '公开事项'}${subject.itemIndex !== undefined ? `（第 ${subject.itemIndex + 1} 条明细）` : ''}`;
    case 'notice':
      return '通知公告';
    case 'report':
      return '村情月报';
    case 'decision':
      return '村级决策';
    case 'payout':
      return `${title ?? '惠民资金发放名单'}`;
  }
}

export function summaryOf(item: ItemDoc, viewer: Viewer, villageName: string, now: Date): ItemSummary {
  const due = currentDue(item);
  return {
    id: item._id,
    villageId: item.villageId,
    villageName,
    category: item.category,
    excerpt: item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text,
    state: item.state,
    raisedAt: item.raisedAt,
    dueAt: due,
    overdue: isPast(due, now),
    reporterName: reporterLabel(item, viewer),
    subjectLabel: item.subjectTitle ?? subjectLabel(item.subject),
  };
}

function stepView(item: ItemDoc, step: Step, viewer: Viewer): StepView {
  const v: StepView = {
    seq: step.seq,
    kind: step.kind,
    at: step.at,
    actor: actorLabel(item, step, viewer),
    text: step.kind === 'raised' ? item.text : step.text,
    photos: step.photos,
  };
  if (step.rating) v.rating = step.rating;
  if (step.reason) v.reason = step.reason;
  return v;
}

export function detailOf(
  item: ItemDoc,
  steps: Step[],
  user: UserDoc,
  villageName: string,
  now: Date,
  cadres?: { id: string; name: string }[],
): ItemDetail {
  const t = { villageId: item.villageId, townId: item.townId, reporterId: item.reporterId };
  const viewer = viewerOf(user, t);
  const handled = { reporterId: item.reporterId, answeredBy: answeredBy(steps) };
  const may = (a: Parameters<typeof allows>[1], k: Parameters<typeof allowedIn>[0]) =>
    allows(user, a, t) && allowedIn(k, item.state) && !ownHandling(user._id, a, handled);
  const detail: ItemDetail = {
    ...summaryOf(item, viewer, villageName, now),
    text: item.text,
    photos: item.photos,
    subject: item.subject,
    showName: item.showName,
    allowPublic: item.allowPublic,
    assigneeName: item.assigneeName,
    rating: item.rating,
    objected: item.objected,
    escalationReason: item.escalationReason,
    steps: [...steps].sort((a, b) => a.seq - b.seq).map((s) => stepView(item, s, viewer)),
    can: {
      accept: may('accept', 'accept'),
      refer: may('refer', 'refer'),
      answer: may('answer', 'answer'),
      verify: may('verify', 'verify'),
      rate: may('rate', 'rate') && item.rating === null,
      object: may('object', 'object') && !item.objected,
      instruct: may('instruct', 'instruct'),
      takeOver: may('takeOver', 'takeOver'),
      close: may('close', 'close'),
    },
  };
  if (cadres && detail.can.accept) detail.cadres = cadres;
  return detail;
}
