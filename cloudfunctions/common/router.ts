import { z } from 'zod';
import type { Clock } from './clock';
import { DomainError, ERROR_MESSAGES, fail, ok, type Failure, type Reply } from './errors';
import type { IdGen } from './ids';
import { users, type Principal } from './identity';
import type { Services } from './services';
import type { Store } from './store/port';
import './zod-setup';

/** What a handler gets from its host (WeChat cloud or the local runtime). */
export interface Env {
  store: Store;
  clock: Clock;
  ids: IdGen;
  log?: (msg: string, err?: unknown) => void;
  services?: Services;
}

export interface Ctx extends Env {
  principal: Principal;
}

export interface ActionDef<S extends z.ZodType, Out> {
  input: S;
  run(input: z.output<S>, ctx: Ctx): Promise<Out>;
}

export type ActionMap = Record<string, ActionDef<z.ZodType, unknown>>;

/** Declares one action; keeps input and output types tied to its schema. */
export function action<S extends z.ZodType, Out>(
  input: S,
  run: (input: z.output<S>, ctx: Ctx) => Promise<Out>,
): ActionDef<S, Out> {
  return { input, run };
}

const EventShape = z.object({
  action: z.string().min(1).max(64),
  input: z.unknown().optional(),
});

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * One entry for a bounded context: parse the event, resolve the caller from the openid the
 * host read from its own context, route by action through the map, and map outcomes to
 * replies. Nothing in the event decides who the caller is.
 */
export function createRouter<M extends ActionMap>(actions: M) {
  return async function handle(
    event: unknown,
    openid: string | undefined,
    env: Env,
  ): Promise<Reply<unknown>> {
    const shape = EventShape.safeParse(event);
    if (!shape.success) return fail('UNKNOWN_ACTION', '请求格式不正确：缺少操作名称');
    const name = shape.data.action;
    // Own keys only: an inherited name (toString, constructor) is no action.
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (!def) return fail('UNKNOWN_ACTION', `不支持的操作：${name}`);
    // An absent input means "no fields"; null, arrays and other non-objects are malformed.
    const parsed = def.input.safeParse(shape.data.input === undefined ? {} : shape.data.input);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      return fail('BAD_INPUT', `${ERROR_MESSAGES.BAD_INPUT}：${issues[0]?.message ?? ''}`, issues);
    }
    if (!openid) return fail('NOT_SIGNED_IN');
    try {
      const user = await users(env.store).get(openid);
      const data = await def.run(parsed.data, { ...env, principal: { openid, user } });
      return ok(data);
    } catch (e) {
      if (e instanceof DomainError) return fail(e.code, e.message);
      env.log?.(`action ${name} failed`, e);
      return fail('INTERNAL');
    }
  };
}

export type Handler = ReturnType<typeof createRouter>;
export type { Failure };
