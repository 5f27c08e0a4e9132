import { getPersona } from '@/services/api';
import { readStored, writeStored } from './storage';

/**
 * What a person has already opened (notices, reports, survey rounds), kept on this phone per
 * person, so the home page can mark what is new to them. Bounded: the oldest marks drop first.
 */
const MAX_SEEN = 300;
const keyOf = () => `seen:${getPersona() || 'self'}`;

function seenList(): string[] {
  const v = readStored<string[]>(keyOf());
  return Array.isArray(v) ? v : [];
}

export function isSeen(id: string): boolean {
  return seenList().includes(id);
}

export function markSeen(id: string): void {
  const list = seenList().filter((x) => x !== id);
  list.push(id);
  writeStored(keyOf(), list.slice(-MAX_SEEN));
}
