/**
 * The joining forms of the 我的 tab check without schemas (the main package carries none): their
 * checks must say what the account schemas say, field by field, or a villager would be told
 * "fine" and then refused (or the other way round).
 */
import { accountInputs } from '../../cloudfunctions/common/contracts/account';
import {
  invitationCodeProblem,
  personNameProblem,
  phoneLast4Problem,
} from '../../cloudfunctions/common/contracts/binding-rules';

/** The schema's message for one field of an input, or null when that field passes. */
function schemaSays(
  schema: typeof accountInputs.claimRoster | typeof accountInputs.redeemInvitation,
  input: object,
  field: string,
) {
  const r = schema.safeParse(input);
  if (r.success) return null;
  return r.error.issues.find((i) => i.path[0] === field)?.message ?? null;
}

const NAMES = ['', ' ', '张', ' 张 ', '张三', '  郑卫东  ', '欧阳'.repeat(10), '欧阳'.repeat(10) + '娜'];
const PHONES = ['', '123', '1234', '12345', 'abcd', '１２３４', ' 1234'];
const CODES = ['', 'K7M2', 'K7M2Q9XA', 'k7m2q9xa', ' K7M2Q9XA ', 'K7M2Q9X!', 'K7M2Q9XAB'];

test.each(NAMES)('the name %j is judged as the schema judges it', (name) => {
  const input = { villageId: 'v-a', name, phoneLast4: '1234' };
  expect(personNameProblem(name)).toBe(schemaSays(accountInputs.claimRoster, input, 'name'));
});

test.each(PHONES)('the phone digits %j are judged as the schema judges them', (phoneLast4) => {
  const input = { villageId: 'v-a', name: '张三', phoneLast4 };
  expect(phoneLast4Problem(phoneLast4)).toBe(schemaSays(accountInputs.claimRoster, input, 'phoneLast4'));
});

test.each(CODES)('the invitation code %j is judged as the schema judges it', (code) => {
  const input = { code, name: '张三' };
  expect(invitationCodeProblem(code)).toBe(schemaSays(accountInputs.redeemInvitation, input, 'code'));
});
