import { OVERSIGHT_TEMPLATES, QUESTION_CATEGORY_LABELS } from '../common/contracts/oversight';
import { formatChinaDateTime } from '../common/clock';
import { users } from '../common/identity';
import type { Env } from '../common/router';
import { findAll } from '../common/store/port';
import type { SubscribeMessage } from '../common/subscribe';
import type { Step } from './domain/item';
import type { ItemDoc } from './store';

/**
 * Subscribe messages after a step: the reporter when an answer is checked and ready to read,
 * the 村监委 of a new item, the town of an escalation. A message never carries a hidden name
 * and never decides anything: a refused or failed send is logged and the step stands.
 */
const PAGE = 'oversight/pages/item/index';

async function send(env: Env, touser: string, templateId: string, item: ItemDoc, thing: string, at: string) {
  const sender = env.services?.subscribeSender;
  if (!sender) return;
  const msg: SubscribeMessage = {
    touser,
    templateId,
    page: `${PAGE}?id=${item._id}`,
    data: {
      thing1: { value: QUESTION_CATEGORY_LABELS[item.category] },
      thing2: { value: thing.slice(0, 20) },
      time3: { value: formatChinaDateTime(at) },
    },
  };
  const r = await sender
    .send(msg)
    .catch((e: unknown) => ({ ok: false as const, code: -1, message: String(e) }));
  if (!r.ok) env.log?.(`oversight message to ${templateId} not sent: ${r.code}`);
}

async function holders(env: Env, query: Record<string, string>): Promise<string[]> {
  return (await findAll(users(env.store), query, { fields: ['name'] })).map((u) => u._id);
}

export async function notifyAfter(env: Env, item: ItemDoc, steps: Step[]): Promise<void> {
  try {
    for (const step of steps) {
      if (step.kind === 'raised') {
        for (const id of await holders(env, { villageId: item.villageId, roles: 'supervisor' })) {
          await send(env, id, OVERSIGHT_TEMPLATES.newItem, item, '有一条新的问题反映待受理', step.at);
        }
      } else if (step.kind === 'verified' || (step.kind === 'closed' && step.actor.role === 'town')) {
        await send(env, item.reporterId, OVERSIGHT_TEMPLATES.answered, item, '您反映的问题已有答复', step.at);
      } else if (step.kind === 'escalated') {
        for (const id of await holders(env, { townId: item.townId, roles: 'townAdmin' })) {
          await send(env, id, OVERSIGHT_TEMPLATES.escalated, item, '有一条问题反映升级到镇纪委', step.at);
        }
      }
    }
  } catch (e) {
    env.log?.('oversight notification failed', e);
  }
}
