import type { z } from 'zod';
import { chinaDateKey } from '../common/clock';
import {
  CONTRACT_KIND_LABELS,
  REMINDER_KINDS,
  REMINDER_TEMPLATES,
  REMIND_EXPIRY_DAYS,
  REMIND_PAYMENT_DAYS,
  assetsInputs as I,
  type AssetsOutputs,
  type ReminderKind,
} from '../common/contracts/assets';
import { users } from '../common/identity';
import { formatYuan } from '../common/money';
import type { Ctx, Env } from '../common/router';
import { findAll } from '../common/store/port';
import { addDays } from './domain/contracts';
import { authorize } from './policy';
import { contractsOf, insertOnce, receivablesOf, reminderGrantsOf, remindersOf, summariesOf } from './store';

/**
 * Reminders to cadres by subscribe message: before a payment falls due and before a contract
 * ends. A cadre grants one message per accepted tap (one-time subscriptions); the daily timer
 * sends each reminder once, to the village's cadres who have a grant left.
 */

const creditId = (openid: string, kind: ReminderKind) => `${openid}:${kind}`;

export async function subscribeReminders(
  input: z.output<typeof I.subscribeReminders>,
  ctx: Ctx,
): Promise<AssetsOutputs['subscribeReminders']> {
  const { user } = await authorize(ctx.store, ctx.principal, 'manage');
  const grants = reminderGrantsOf(ctx.store);
  // The request is recorded once: a retried tap grants nothing twice.
  if (
    await insertOnce(grants, {
      _id: `req:${user._id}:${input.requestId}`,
      openid: user._id,
      kind: null,
      credits: 0,
    })
  )
    for (const a of input.answers.filter((x) => x.answer === 'accept')) {
      const id = creditId(user._id, a.kind);
      if (!(await grants.update(id, { inc: { credits: 1 } })))
        if (!(await insertOnce(grants, { _id: id, openid: user._id, kind: a.kind, credits: 1 })))
          await grants.update(id, { inc: { credits: 1 } });
    }
  const credits = {} as Record<ReminderKind, number>;
  for (const k of REMINDER_KINDS) credits[k] = (await grants.get(creditId(user._id, k)))?.credits ?? 0;
  return { credits };
}

const label = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

interface Due {
  id: string;
  kind: ReminderKind;
  villageId: string;
  data: Record<string, { value: string }>;
}

/** What falls due soon across every village (read from the summaries kept on every write). */
async function dueSoon(env: Env, today: string): Promise<Due[]> {
  const payUntil = addDays(today, REMIND_PAYMENT_DAYS);
  const endUntil = addDays(today, REMIND_EXPIRY_DAYS);
  const out: Due[] = [];
  for (const s of await findAll(summariesOf(env.store), {}, { fields: ['open', 'contracts'] })) {
    for (const r of s.open.filter((x) => x.dueOn >= today && x.dueOn <= payUntil)) {
      const rec = await receivablesOf(env.store).get(r.id);
      const c = rec && (await contractsOf(env.store).get(rec.contractId));
      if (!rec || !c) continue;
      out.push({
        id: `paymentDue:${r.id}`,
        kind: 'paymentDue',
        villageId: s._id,
        data: {
          thing1: { value: `${c.itemName}${CONTRACT_KIND_LABELS[c.kind]}第${rec.index}期`.slice(0, 20) },
          date2: { value: label(r.dueOn) },
          amount3: { value: formatYuan(r.amountFen) },
        },
      });
    }
    for (const c of s.contracts.filter((x) => !x.vacatedOn && x.endOn >= today && x.endOn <= endUntil)) {
      const doc = await contractsOf(env.store).get(c.id);
      if (!doc) continue;
      out.push({
        id: `contractExpiry:${c.id}:${c.endOn}`,
        kind: 'contractExpiry',
        villageId: s._id,
        data: {
          thing1: { value: `${doc.itemName}${CONTRACT_KIND_LABELS[doc.kind]}合同`.slice(0, 20) },
          date2: { value: label(c.endOn) },
          thing3: { value: '请及时续签或收回' },
        },
      });
    }
  }
  return out;
}

/** One daily run: each reminder goes once, to the village's cadres with a grant left. */
export async function runReminders(env: Env): Promise<{ sent: number; waiting: number }> {
  const sender = env.services?.subscribeSender;
  const today = chinaDateKey(env.clock.now());
  let sent = 0;
  let waiting = 0;
  for (const due of await dueSoon(env, today)) {
    if (await remindersOf(env.store).get(due.id)) continue;
    const cadres = await findAll(
      users(env.store),
      { villageId: due.villageId, roles: 'cadre' },
      { fields: ['_id'] },
    );
    const to: string[] = [];
    for (const c of cadres) {
      const id = creditId(c._id, due.kind);
      // Spend the grant first (only one that is left): a crash after it never sends twice.
      if (
        !sender ||
        !(await reminderGrantsOf(env.store).updateWhere(
          { _id: id, credits: { $gt: 0 } },
          { inc: { credits: -1 } },
        ))
      )
        continue;
      const r = await sender.send({
        touser: c._id,
        templateId: REMINDER_TEMPLATES[due.kind].id,
        page: 'village-assets/pages/index/index',
        data: due.data,
      });
      if (r.ok) to.push(c._id);
    }
    if (to.length) {
      await insertOnce(remindersOf(env.store), {
        _id: due.id,
        villageId: due.villageId,
        to,
        at: env.clock.now().toISOString(),
      });
      sent += to.length;
    } else waiting++;
  }
  return { sent, waiting };
}
