import { wxHost, wxMain } from '../common/wx-entry';
import { reportActions } from './actions';
import { isTimerEvent } from '../common/timerEvent';
import { runTick } from './timer';

const routed = wxMain(reportActions);

/**
 * The report function's entry. WeChat's timer trigger calls it with { Type: 'timer', ... } and
 * no OPENID: that runs the tick (drafting, stale drafts, delivery). A call from the
 * mini-program always carries an OPENID, so a client cannot pose as the timer.
 */
export async function main(event: unknown) {
  if (isTimerEvent(event)) {
    const { openid, env } = wxHost();
    if (!openid) return runTick(env, { owner: `timer-${env.ids.next()}` });
  }
  return routed(event);
}
