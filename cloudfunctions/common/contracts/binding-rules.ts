/**
 * The rules of the fields a person fills in to join a village (invitation code, name, last four
 * digits of the phone), without any schema: the account schemas are built from them, and the
 * joining forms of the 我的 tab (main package, which carries no schemas) check with them too.
 */
export const PERSON_NAME = {
  min: 2,
  max: 20,
  missing: '请填写姓名',
  tooShort: '姓名至少 2 个字',
  tooLong: '姓名不超过 20 个字',
} as const;

export const PHONE_LAST4 = {
  pattern: /^\d{4}$/,
  missing: '请填写手机号后四位',
  wrong: '请填写手机号后四位数字',
};

export const INVITATION_CODE = {
  pattern: /^[A-Z0-9]{8}$/,
  missing: '请填写邀请码',
  wrong: '邀请码为 8 位字母或数字',
};

/** The message for a name as the schema would give it, or null when it passes. */
export function personNameProblem(value: string): string | null {
  const v = value.trim();
  if (v.length < PERSON_NAME.min) return PERSON_NAME.tooShort;
  if (v.length > PERSON_NAME.max) return PERSON_NAME.tooLong;
  return null;
}

export function phoneLast4Problem(value: string): string | null {
  return PHONE_LAST4.pattern.test(value) ? null : PHONE_LAST4.wrong;
}

export function invitationCodeProblem(value: string): string | null {
  return INVITATION_CODE.pattern.test(value.trim().toUpperCase()) ? null : INVITATION_CODE.wrong;
}
