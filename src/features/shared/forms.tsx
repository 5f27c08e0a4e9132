import { View, Text } from '@tarojs/components';
import { useRef, useState, type PropsWithChildren } from 'react';
import type { ApiError } from '@/services/api';
import { toApiError } from './useRequest';

/** Field path ('title', 'items.0.amountFen') -> the message to show under that field. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(issues: readonly { path: string; message: string }[] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues ?? []) if (!(i.path in out)) out[i.path] = i.message;
  return out;
}

/**
 * What a form checks its input with before sending: an action's zod schema (subpackage forms), or
 * `checkedByServer` where the page must not carry the schemas (the main package).
 */
export interface Checker<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * A checker without schemas, for forms of the main package: `problems` gives the message of each
 * field that fails (rules shared with the action's schema); the server parses the input again.
 */
export function fieldChecks<T extends object>(
  problems: (input: T) => Record<string, string | null>,
): Checker<T> {
  return {
    safeParse(input) {
      const issues = Object.entries(problems(input as T))
        .filter((e): e is [string, string] => e[1] !== null)
        .map(([path, message]) => ({ path: [path], message }));
      return issues.length ? { success: false, error: { issues } } : { success: true, data: input as T };
    },
  };
}

export function zodFieldErrors(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): FieldErrors {
  return fieldErrorsOf(error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

export function serverFieldErrors(e: ApiError): FieldErrors {
  return fieldErrorsOf(e.failure.issues);
}

/** Parses with the action's own schema: the same rules the server applies, before sending. */
export function validate<T>(
  schema: Checker<T>,
  input: unknown,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: zodFieldErrors(r.error) };
}

/** The value at a field path ('items.0.amountFen') of an input object. */
function valueAt(input: unknown, path: string): unknown {
  let v: unknown = input;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/**
 * The errors still worth showing once the person edits the form: a field's message goes away as
 * soon as its value passes the check (`now`: what the check says of the current input), and a
 * message the server gave stays only while the field still holds the value it was given for.
 */
export function reviseErrors(
  shown: FieldErrors,
  now: FieldErrors,
  submitted: unknown,
  current: unknown,
): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(shown)) {
    const fresh = now[path];
    if (fresh !== undefined) out[path] = fresh;
    else if (JSON.stringify(valueAt(submitted, path)) === JSON.stringify(valueAt(current, path)))
      out[path] = message;
  }
  return out;
}

/** The form's own wording replaces the message of each failed field it names. */
function reword(errors: FieldErrors, wording: FieldErrors): void {
  for (const k of Object.keys(errors)) {
    const w = wording[k];
    if (k in wording && w !== undefined) errors[k] = w;
  }
}

/** The checker of an action that has nothing to fill in (a tap that only sends). */
const nothingToCheck: Checker<undefined> = { safeParse: () => ({ success: true, data: undefined }) };

/** What a form does with a refusal instead of showing its message above the button (e.g. a dialog). */
export type OnRefused = (e: ApiError) => unknown;

/**
 * A form's submit: check the input with the action's own schema, send it, and show what the
 * server answered under the fields it names (and its message above the button). Pass the form's
 * current input: each message clears as soon as its field is fixed. A second tap while the
 * first is on its way is refused. `submit` and `run` say whether the input was sent and taken.
 */
export function useFormSubmit(current?: unknown) {
  const [shown, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const last = useRef<{ schema: Checker<unknown>; input: unknown; wording: FieldErrors } | null>(null);

  let errors = shown;
  if (last.current && current !== undefined && Object.keys(shown).length) {
    const { schema, input, wording } = last.current;
    const v = validate(schema, current);
    const now = v.ok ? {} : v.errors;
    reword(now, wording);
    errors = reviseErrors(shown, now, input, current);
  }

  async function submit<T>(
    schema: Checker<T>,
    input: unknown,
    send: (data: T) => Promise<void>,
    /** Messages that replace the schema's own for fields that failed, e.g. an unchosen option. */
    wording: FieldErrors = {},
    /** Given: the refusal goes here instead of above the button. */
    onRefused?: OnRefused,
  ): Promise<boolean> {
    if (inFlight.current) return false;
    setMessage(null);
    last.current = { schema, input, wording };
    const v = validate(schema, input);
    if (!v.ok) {
      const fieldErrors = { ...v.errors };
      reword(fieldErrors, wording);
      setErrors({ ...fieldErrors, ...wording });
      return false;
    }
    setErrors({});
    inFlight.current = true;
    setBusy(true);
    try {
      await send(v.data);
      return true;
    } catch (e) {
      const err = toApiError(e);
      if (onRefused) await onRefused(err);
      else showRefusal(err, wording);
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  /**
   * A refusal shown as the form shows it: under the fields the server names, its message above
   * the button (for an `onRefused` that handles only some refusals itself).
   */
  function showRefusal(err: ApiError, wording: FieldErrors = {}) {
    const fieldErrors = serverFieldErrors(err);
    // The form's own wording for a field also replaces the server's message for it.
    reword(fieldErrors, wording);
    setErrors(fieldErrors);
    setMessage(err.message);
  }

  /** Drops the messages of the fields under `prefix` (e.g. rows replaced as a whole). */
  function dropErrors(prefix: string) {
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(prefix))));
  }

  /**
   * A tap with nothing to fill in: send it, refusing a second tap while it is on its way. True
   * once sent without a refusal.
   */
  function run(send: () => Promise<void>, onRefused?: OnRefused) {
    return submit(nothingToCheck, undefined, send, {}, onRefused);
  }

  /** The first message to show when the form has one line for everything. */
  const firstMessage = message ?? Object.values(errors)[0] ?? null;

  /** Shows a message above the button that came from elsewhere (a picker, a file), or clears it. */
  const say = setMessage;

  return { errors, message, busy, submit, run, say, firstMessage, showRefusal, dropErrors };
}

export function Field({
  label,
  error,
  hint,
  name,
  required,
  children,
}: PropsWithChildren<{ label: string; error?: string; hint?: string; name: string; required?: boolean }>) {
  return (
    <View className={`field field-${name.replace(/\./g, '-')}${error ? ' has-error' : ''}`}>
      <Text className="field-label">
        {label}
        {required ? <Text className="required">*</Text> : null}
      </Text>
      <View className="field-control">{children}</View>
      {hint && !error ? <Text className="field-hint">{hint}</Text> : null}
      {error ? (
        <Text className="field-error" data-path={name}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** Errors that no field on screen shows (e.g. a whole-form or server message). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <View className="form-error">
      <Text>{message}</Text>
    </View>
  );
}

export function Chips<T extends string | number>({
  options,
  value,
  onChange,
  idPrefix,
}: {
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (v: T) => void;
  idPrefix?: string;
}) {
  return (
    <View className="chips">
      {options.map((o) => (
        <Text
          key={String(o.value)}
          id={idPrefix ? `${idPrefix}-${o.value}` : undefined}
          className={`chip tap${o.value === value ? ' active' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}
