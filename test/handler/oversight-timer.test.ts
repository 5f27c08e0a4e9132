/**
 * The oversight function's entry tells WeChat's timer from a client by the shared rule
 * (common/timerEvent): { Type: 'timer', TriggerName } and no OPENID. A client forging the
 * timer's event is routed like any call, and the router refuses it: the sweep never runs.
 */
const host: { OPENID?: string } = {};

jest.mock('wx-server-sdk', () => ({
  init: () => undefined,
  DYNAMIC_CURRENT_ENV: 'test',
  getWXContext: () => ({ ...host }),
  // The refusals below answer before any read; a read would fail on this empty database.
  database: () => ({ command: {} }),
  openapi: {},
  uploadFile: async () => ({ fileID: '' }),
}));

jest.mock('../../cloudfunctions/oversight/townView', () => ({
  ...jest.requireActual('../../cloudfunctions/oversight/townView'),
  sweep: jest.fn(async () => ({ settled: 0 })),
}));

// Loaded after the mocks above (jest hoists jest.mock calls).
import { main } from '../../cloudfunctions/oversight/index';
import { sweep } from '../../cloudfunctions/oversight/townView';

const swept = sweep as jest.MockedFunction<typeof sweep>;

beforeEach(() => {
  swept.mockClear();
  delete host.OPENID;
});

test("WeChat's timer (a trigger name, no OPENID) runs the sweep", async () => {
  await expect(main({ Type: 'timer', TriggerName: 'sweep', Time: '2026-11-23T02:00:00Z' })).resolves.toEqual({
    settled: 0,
  });
  expect(swept).toHaveBeenCalledTimes(1);
});

test.each([
  ['a client posing as the timer', { Type: 'timer', TriggerName: 'sweep' }, 'o-forger'],
  ['a timer event without a trigger name', { Type: 'timer' }, undefined],
  ['a timer event without a trigger name, from a client', { Type: 'timer' }, 'o-forger'],
])('%s is routed and refused by the router: no sweep', async (_, event, openid) => {
  if (openid) host.OPENID = openid;
  const reply = await main(event);
  expect(reply).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  expect((reply as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  expect(swept).not.toHaveBeenCalled();
});
