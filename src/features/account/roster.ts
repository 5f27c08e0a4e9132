import { planRosterImport } from '@common/contracts/account';
import { ROSTER_ROLES, type Role } from '@common/contracts/shared';

/** Words a cadre writes in the 身份 column, mapped to roster roles. */
const ROLE_WORDS: Record<string, (typeof ROSTER_ROLES)[number]> = {
  村民: 'resident',
  居民: 'resident',
  村民代表: 'representative',
  代表: 'representative',
  党员: 'partyMember',
  外出务工: 'migrant',
  外出务工人员: 'migrant',
  务工: 'migrant',
  外出: 'migrant',
};

export interface RosterRow {
  line: number;
  name: string;
  phoneLast4: string;
  roles: Role[];
  error: string | null;
}

/**
 * Rows pasted from a spreadsheet: "姓名<TAB or space>手机后四位<TAB or space>身份(可选)".
 * 身份 may list several (村民、党员). A header row and blank lines are skipped.
 */
export function parseRoster(text: string): RosterRow[] {
  const rows: RosterRow[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const cells = raw
      .trim()
      .split(/[\t ,，\u3000]+/)
      .filter(Boolean);
    const [name, phone = '', ...rest] = cells;
    if (name === undefined) return;
    if (idx === 0 && /姓名/.test(name)) return;
    const digits = phone.replace(/\D/g, '');
    const phoneLast4 = digits.length >= 4 ? digits.slice(-4) : digits;
    const roles = new Set<Role>();
    let error: string | null = null;
    for (const word of rest
      .join('、')
      .split(/[、/;；]+/)
      .filter(Boolean)) {
      const role = ROLE_WORDS[word];
      if (role) roles.add(role);
      else error = `不认识的身份“${word}”（可写：村民、村民代表、党员、外出务工）`;
    }
    if (name.length < 2 || name.length > 20) error = '姓名应为 2 到 20 个字';
    else if (!/^\d{4}$/.test(phoneLast4)) error = '手机号后四位应为 4 位数字';
    rows.push({ line: idx + 1, name, phoneLast4, roles: roles.size ? [...roles] : ['resident'], error });
  });
  return rows;
}

export interface RosterPreviewRow extends RosterRow {
  /** What the import will do with the row: the same plan the import action follows. */
  outcome: 'import' | 'refused' | 'repeat';
}

/**
 * The preview of an import: every pasted row with what will happen to it. Rows that do not read
 * are refused here; the rest go through the import's own plan (who may import which role,
 * repeats of the same person), so "可导入 N 行" is what the import adds.
 */
export function previewRoster(text: string, byTownAdmin: boolean): RosterPreviewRow[] {
  const rows = parseRoster(text);
  const readable = rows.filter((r) => !r.error);
  const plan = planRosterImport(readable, byTownAdmin);
  const refused = new Map(plan.refused.map((r) => [r.entry, r.reason]));
  // firstIndex indexes the rows the plan was given (readable), so the row is there.
  const repeats = new Map(plan.repeats.map((r) => [r.entry, readable[r.firstIndex]!.line]));
  return rows.map((r) => {
    if (r.error) return { ...r, outcome: 'refused' };
    const reason = refused.get(r);
    if (reason) return { ...r, error: reason, outcome: 'refused' };
    const first = repeats.get(r);
    if (first !== undefined) return { ...r, error: `与第${first}行是同一人，只导入一次`, outcome: 'repeat' };
    return { ...r, outcome: 'import' };
  });
}
