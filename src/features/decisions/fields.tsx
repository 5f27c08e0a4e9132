import { View } from '@tarojs/components';
import { DateInput, TextField, type FieldProps } from '@/features/shared/fields';

// The labelled fields every form shares; the decisions screens take them from here.
export { ChoiceField, DateInput, TextField } from '@/features/shared/fields';

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
