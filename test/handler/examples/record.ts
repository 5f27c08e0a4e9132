import { DONGLING } from '../demo-town';
import type { Examples } from './types';

export const recordExamples: Examples<'record'> = {
  head: { persona: 'resident', input: { villageId: DONGLING } },
  entries: { persona: 'resident', input: { villageId: DONGLING, afterSeq: 0, limit: 50 } },
  exportChain: { persona: 'supervisor', input: { villageId: DONGLING } },
  townHead: { persona: 'resident', input: {} },
  exportTown: { persona: 'town', input: {} },
  poster: { persona: 'cadre', input: {} },
};
