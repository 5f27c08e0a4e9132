// Probe: a domain module doing I/O itself.
import { readFileSync } from 'node:fs';

export const probe = readFileSync;
