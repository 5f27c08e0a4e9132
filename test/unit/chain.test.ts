import { createHash } from 'node:crypto';
import { canonicalJson } from '../../cloudfunctions/common/chain/canonical';
import {
  FINGERPRINT_ALPHABET,
  fingerprintOf,
  lengthOfFingerprint,
  nextEntry,
  verifyChain,
  type ChainEntry,
  type EntryWithContent,
} from '../../cloudfunctions/common/chain/chain';
import { sha256 } from '../../cloudfunctions/common/chain/sha256';

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the portable SHA-256', () => {
  test('equals the platform digest on 2,000 inputs of every length and script', () => {
    const pieces = ['a', '村', '财务', '😀', '\n', '"', '0', 'é', '\u0000', 'Ω'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = n < 200 ? n : rand(3000);
      while (s.length < len) s += pieces[rand(pieces.length)];
      expect(sha256(s)).toBe(nodeSha(s));
    }
  });

  test('known vectors', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('canonical JSON', () => {
  test('the same record in any key order gives the same text', () => {
    const a = { title: '三月财务', items: [{ amountFen: 100, label: '电费' }], totals: { b: 1, a: 2 } };
    const b = { totals: { a: 2, b: 1 }, items: [{ label: '电费', amountFen: 100 }], title: '三月财务' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"items":[{"amountFen":100,"label":"电费"}],"title":"三月财务","totals":{"a":2,"b":1}}',
    );
  });

  test('a changed amount or a reordered line changes the text', () => {
    const base = { items: [{ amountFen: 100 }, { amountFen: 200 }] };
    expect(canonicalJson(base)).not.toBe(canonicalJson({ items: [{ amountFen: 101 }, { amountFen: 200 }] }));
    expect(canonicalJson(base)).not.toBe(canonicalJson({ items: [{ amountFen: 200 }, { amountFen: 100 }] }));
  });
});

function chainOf(n: number): EntryWithContent[] {
  const out: EntryWithContent[] = [];
  let prev: ChainEntry | null = null;
  for (let i = 1; i <= n; i++) {
    const content = { title: `第${i}条`, body: `内容${i}` };
    const entry: ChainEntry = nextEntry(prev, {
      kind: i % 2 ? 'disclosure' : 'notice',
      recordId: `r${i}`,
      version: 1,
      label: `第${i}条`,
      at: `2026-03-${String(i).padStart(2, '0')}T02:00:00.000Z`,
      content,
    });
    out.push({ entry, content });
    prev = entry;
  }
  return out;
}

describe('fingerprints', () => {
  test('four groups of four symbols from the alphabet without look-alikes', () => {
    const fp = fingerprintOf(sha256('x'));
    expect(fp).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(FINGERPRINT_ALPHABET).not.toMatch(/[01IO]/);
    expect(new Set(FINGERPRINT_ALPHABET).size).toBe(32);
  });
});

describe('verifying a chain', () => {
  test('an untouched chain verifies, with its count and first date', () => {
    const v = verifyChain(chainOf(6));
    expect(v).toMatchObject({ ok: true, count: 6, firstAt: '2026-03-01T02:00:00.000Z', findings: [] });
  });

  test('a changed record is named, and only it', () => {
    const c = chainOf(6);
    c[2] = { ...c[2]!, content: { title: '第3条', body: '改过的内容' } };
    const v = verifyChain(c);
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([expect.objectContaining({ problem: 'changed', recordId: 'r3' })]);
  });

  test('a deleted record is named', () => {
    const c = chainOf(4);
    c[1] = { ...c[1]!, content: null };
    expect(verifyChain(c).findings).toEqual([
      expect.objectContaining({ problem: 'deleted', recordId: 'r2' }),
    ]);
  });

  test('two entries whose positions were swapped are both named, their neighbours are not', () => {
    const c = chainOf(6);
    const a = c[1]!.entry;
    const b = c[3]!.entry;
    c[1] = { ...c[1]!, entry: { ...a, seq: b.seq } };
    c[3] = { ...c[3]!, entry: { ...b, seq: a.seq } };
    const named = verifyChain(c).findings.map((f) => [f.problem, f.recordId]);
    expect(named.sort()).toEqual([
      ['entryAltered', 'r2'],
      ['entryAltered', 'r4'],
    ]);
  });

  test('a removed entry shows as a gap; a rewritten tail no longer matches the fingerprint people hold', () => {
    const c = chainOf(5);
    const held = { seq: 5, fingerprint: fingerprintOf(c[4]!.entry.hash) };
    expect(verifyChain(c, [held]).ok).toBe(true);
    const gap = c.filter((_, i) => i !== 2);
    expect(verifyChain(gap).findings).toEqual([
      expect.objectContaining({ problem: 'entriesMissing', recordId: 'r4' }),
    ]);
    // Rewriting the whole chain consistently fools the links but not the held fingerprint.
    const rewritten = chainOf(5).map((x, i) =>
      i === 1 ? { ...x, content: { title: '第2条', body: '新' } } : x,
    );
    let prev: ChainEntry | null = null;
    const forged = rewritten.map(({ entry, content }) => {
      const e = nextEntry(prev, { ...entry, content });
      prev = e;
      return { entry: e, content };
    });
    const v = verifyChain(forged, [held]);
    expect(v.findings).toEqual([]);
    expect(v.ok).toBe(false);
    expect(v.unmatched).toEqual([held]);
  });

  test('a fingerprint a person typed is found at the length it was taken, or not at all', () => {
    const c = chainOf(5);
    const v = verifyChain(c);
    const typed = fingerprintOf(c[2]!.entry.hash).toLowerCase().replace(/-/g, ' ');
    expect(lengthOfFingerprint(v, typed)).toBe(3);
    expect(lengthOfFingerprint(v, '2222-2222-2222-2222')).toBeNull();
    expect(lengthOfFingerprint(v, 'abc')).toBeNull();
  });
});
