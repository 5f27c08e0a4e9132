import { randomBytes } from 'node:crypto';

export interface IdGen {
  next(): string;
}

/** 16 random bytes, base-36-ish hex: unguessable and free of any personal data. */
export const randomIds: IdGen = { next: () => randomBytes(12).toString('hex') };

export function sequentialIds(prefix = 'id'): IdGen {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(6, '0')}` };
}
