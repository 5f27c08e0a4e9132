/**
 * For set-ups a test file makes in a hook (beforeAll, beforeEach) and its tests use through one
 * module-level name: an object that stands for whatever `current()` returns when it is used, with
 * `own` members of its own in front (methods keep `current()` as `this`).
 */
export function standIn<T extends object, O extends object = object>(current: () => T, own?: O): T & O {
  const front = (own ?? {}) as O;
  return new Proxy(front, {
    get(target, key) {
      if (key in target) return Reflect.get(target, key);
      const now = current();
      const value: unknown = Reflect.get(now, key);
      return typeof value === 'function' ? value.bind(now) : value;
    },
    set(_target, key, value) {
      return Reflect.set(current(), key, value);
    },
  }) as T & O;
}
