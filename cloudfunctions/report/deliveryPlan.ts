import { users } from '../common/identity';
import { DuplicateKeyError, findAll, type Store } from '../common/store/port';
import { hadGrantAt } from './domain/delivery';
import {
  deliveriesOf,
  deliveryIdOf,
  grantEventsOf,
  grantIdOf,
  grantsOf,
  jobsOf,
  type DeliveryJobDoc,
} from './store';
import type { DeliveryEnv } from './deliverySend';

/** Planning a delivery: one record per person of the village, decided as of publication. */

/** Creates one record per person of the village, in pages; overlapping planners are harmless. */
export async function plan(
  env: DeliveryEnv,
  job: DeliveryJobDoc,
  timeLeft: () => boolean,
  pageSize: number,
  /** Called once each page's records are written (senders may take them). */
  onPage: () => void = () => undefined,
): Promise<number> {
  const { store } = env;
  let cursor = job.planCursor;
  let created = 0;
  for (let guard = 0; guard < 10_000 && timeLeft(); guard++) {
    const page = await users(store).find(
      { villageId: job.villageId, _id: { $gt: cursor } },
      { sort: { _id: 1 }, limit: pageSize, fields: ['_id'] },
    );
    if (page.length) {
      const granted = await grantedAtPublication(
        store,
        job,
        page.map((u) => u._id),
      );
      const at = env.clock.now().toISOString();
      for (let i = 0; i < page.length; i += 100) {
        await Promise.all(
          page.slice(i, i + 100).map(async (u) => {
            try {
              await deliveriesOf(store).insert({
                _id: deliveryIdOf(job._id, u._id),
                subjectId: job._id,
                openid: u._id,
                // Without a grant at publication there is nothing to send; decided once, here.
                state: granted.has(u._id) ? 'queued' : 'noGrant',
                attempts: 0,
                nextAttemptAt: '',
                owner: '',
                leaseUntil: '',
                lastCode: null,
                updatedAt: at,
                sentAt: null,
              });
              created++;
            } catch (e) {
              if (!(e instanceof DuplicateKeyError)) throw e;
            }
          }),
        );
      }
      onPage();
      cursor = page.at(-1)?._id ?? cursor;
      // Withdrawn meanwhile: stop planning (cancelDelivery closes what was planned).
      if ((await jobsOf(store).get(job._id))?.state === 'done') {
        job.state = 'done';
        break;
      }
      await jobsOf(store).updateWhere(
        { _id: job._id, planCursor: { $lt: cursor } },
        { set: { planCursor: cursor } },
      );
    }
    if (page.length < pageSize) {
      const planned = await deliveriesOf(store).count({ subjectId: job._id });
      await jobsOf(store).updateWhere(
        { _id: job._id, state: 'planning' },
        { set: { state: 'sending', planned } },
      );
      job.state = 'sending';
      break;
    }
  }
  return created;
}

/** Who of `openids` had a usable grant for the job's template when the subject was published. */
async function grantedAtPublication(
  store: Store,
  job: DeliveryJobDoc,
  openids: string[],
): Promise<Set<string>> {
  const grants = await grantsOf(store).find(
    { _id: { $in: openids.map((id) => grantIdOf(id, job.template)) } },
    { limit: openids.length },
  );
  const usable = grants.filter((g) => g.longTerm || g.oneTime > 0);
  // Only grants changed since publication need their taps (few: people who subscribed since).
  const changed = usable.filter((g) => g.updatedAt > job.createdAt).map((g) => g.openid);
  const taps = changed.length
    ? await findAll(
        grantEventsOf(store),
        { openid: { $in: changed }, template: job.template, answer: 'accept' },
        { fields: ['openid', 'at'] },
      )
    : [];
  const acceptedAt = new Map<string, string[]>();
  for (const t of taps) acceptedAt.set(t.openid, [...(acceptedAt.get(t.openid) ?? []), t.at]);
  return new Set(
    usable.filter((g) => hadGrantAt(g, acceptedAt.get(g.openid) ?? [], job.createdAt)).map((g) => g.openid),
  );
}
