import { TextArea } from '@nutui/nutui-react-taro';
import { Chips, Field } from './forms';
import { DateField } from './DateField';
import { InputField } from './InputField';

/** What every labelled field of a form has: its label, its error and the element id tests use. */
export interface FieldProps {
  /** The input's element id (e.g. `meeting-entitled`). */
  id: string;
  /** The input's field path, for the error under it. */
  name: string;
  label: string;
  error?: string;
  required?: boolean;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
}

/** A labelled text input: one line, an amount or digits (`digits`), or several lines. */
export function TextField({
  kind = 'text',
  placeholder,
  maxLength,
  ...f
}: FieldProps & { kind?: 'text' | 'digits' | 'lines'; placeholder?: string; maxLength?: number }) {
  // Only what the form gives: the input keeps its own defaults for the rest.
  const limit = maxLength !== undefined ? { maxLength } : {};
  if (kind !== 'lines')
    return (
      <InputField {...f} type={kind === 'digits' ? 'digit' : 'text'} placeholder={placeholder} {...limit} />
    );
  return (
    <Field label={f.label} name={f.name} error={f.error} hint={f.hint} required={f.required}>
      <TextArea id={f.id} value={f.value} onChange={f.onChange} {...limit} />
    </Field>
  );
}

/** A labelled date, picked (never typed) and read as 2026年3月8日; an optional one can be cleared (清除). */
export function DateInput({
  placeholder,
  endYear,
  ...f
}: FieldProps & { placeholder?: string; endYear?: number }) {
  return (
    <Field label={f.label} name={f.name} error={f.error} hint={f.hint} required={f.required}>
      <DateField
        id={f.id}
        value={f.value}
        onChange={f.onChange}
        title={f.label}
        placeholder={placeholder}
        endYear={endYear}
        clearable={!f.required}
      />
    </Field>
  );
}

/** A labelled choice of one value among a few, each shown as a chip with its Chinese label. */
export function ChoiceField<T extends string>({
  idPrefix,
  values,
  labels,
  ...f
}: Omit<FieldProps, 'id' | 'value' | 'onChange'> & {
  /** The prefix of each chip's element id (`${idPrefix}-${value}`). */
  idPrefix: string;
  values: readonly T[];
  labels: NoInfer<Record<T, string>>;
  value: T | undefined;
  onChange: (v: T) => void;
}) {
  return (
    <Field label={f.label} name={f.name} error={f.error} hint={f.hint} required={f.required}>
      <Chips
        idPrefix={idPrefix}
        options={values.map((v) => ({ value: v, label: labels[v] }))}
        value={f.value}
        onChange={f.onChange}
      />
    </Field>
  );
}
