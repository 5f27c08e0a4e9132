import { View } from '@tarojs/components';
import { Input, TextArea } from '@nutui/nutui-react-taro';
import { Chips, Field } from '@/features/shared/forms';
import { DateField } from '@/features/shared/DateField';

/** What every field of a decisions form has: its label, its error and the element ids tests use. */
interface FieldProps {
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

/** A labelled text input (one line, digits only, or several lines). */
export function TextField({
  kind = 'text',
  placeholder,
  maxLength,
  ...f
}: FieldProps & { kind?: 'text' | 'digits' | 'lines'; placeholder?: string; maxLength: number }) {
  return (
    <Field label={f.label} name={f.name} error={f.error} hint={f.hint} required={f.required}>
      {kind === 'lines' ? (
        <TextArea id={f.id} value={f.value} onChange={f.onChange} maxLength={maxLength} />
      ) : (
        <Input
          id={f.id}
          className="input"
          type={kind === 'digits' ? 'digit' : 'text'}
          value={f.value}
          onChange={f.onChange}
          placeholder={placeholder}
          maxLength={maxLength}
        />
      )}
    </Field>
  );
}

/** A labelled date, picked (never typed) and read as 2026年3月8日. */
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

/** The date a meeting was held, picked (never typed); every meeting form asks it alike. */
export function HeldOnInput({
  idPrefix,
  ...f
}: {
  /** `meeting` or `regular`: the input's element id is `${idPrefix}-heldOn`. */
  idPrefix: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <DateInput
      id={`${idPrefix}-heldOn`}
      name="heldOn"
      label="会议日期"
      value={f.value}
      onChange={f.onChange}
      error={f.error}
      required
    />
  );
}

/** A row of whole numbers of a meeting (应到, 实到; 同意, 反对, 弃权), side by side. */
export function NumberRow({ fields }: { fields: Omit<FieldProps, 'required'>[] }) {
  return (
    <View className="dc-number-row">
      {fields.map((f) => (
        <TextField key={f.id} {...f} kind="digits" maxLength={6} required />
      ))}
    </View>
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
