import { Input } from '@nutui/nutui-react-taro';
import { Field } from './forms';

/**
 * A labelled one-line input, for every form (the main package's too: it carries no more than the
 * input). What the form leaves out stays the input's default.
 */
export function InputField({
  label,
  name,
  error,
  hint,
  required,
  ...input
}: {
  label: string;
  /** The field path, for the error under it. */
  name: string;
  error?: string;
  hint?: string;
  required?: boolean;
  /** The input's element id. */
  id: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  /** `digit`: an amount (a decimal keyboard); `number`: whole numbers. */
  type?: 'text' | 'digit' | 'number';
}) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required}>
      <Input className="input" {...input} />
    </Field>
  );
}
