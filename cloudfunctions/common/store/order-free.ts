import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import type { Doc } from './port';

/**
 * The file of an order-free collection of the embedded store: it holds the collection's
 * current documents and nothing else, one line each, in `_id` order, every line padded to one
 * width. It never keeps the order or the history of writes (an append-only file would: see
 * `nedbStore`):
 *
 * - A document that changes in place (the same `_id`, a line that still fits the width) is
 *   overwritten where it stands: its old line is gone, no line moves, none is added.
 * - Anything else (a new or removed document, a line grown past the width) rewrites the whole
 *   file in `_id` order to a temporary file that then replaces it, with a new width for every
 *   line, so even the width says nothing about which documents were written when.
 *
 * Writes are grouped: every write waits for the next flush to start after it, and one flush
 * serves all of them (a full rewrite costs one pass over the collection, an in-place write one
 * positioned write per changed document). Durability is that of the store's other files: the
 * data is handed to the operating system before the write resolves (no fsync), and a rewrite
 * replaces the file only once the new one is whole.
 */
export class OrderFreeFile {
  /** The current line (JSON) of every document. */
  private readonly lines = new Map<string, string>();
  /** Line number of every document in the file as last rewritten. */
  private positions = new Map<string, number>();
  /** Every line's width (without the newline) in the file as last rewritten. */
  private width = 0;
  private rewriteNeeded = true;
  private readonly dirty = new Set<string>();
  /** The file, open for writing in place (after a rewrite). */
  private fd: number | null = null;
  /** The flush every write made now waits for; null when none is scheduled yet. */
  private next: Promise<void> | null = null;
  /** The last flush scheduled: flushes run one at a time. */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** The documents in the file (also reads a file NeDB appended to: later lines win). */
  async load(): Promise<Doc[]> {
    if (!existsSync(this.path)) return [];
    const text = await readFile(this.path, 'utf8');
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      const doc = JSON.parse(raw) as Doc & { $$deleted?: boolean; $$indexCreated?: unknown };
      if (doc.$$indexCreated !== undefined) continue;
      if (doc.$$deleted) this.lines.delete(doc._id);
      else this.lines.set(doc._id, JSON.stringify(doc));
    }
    this.rewriteNeeded = true;
    return [...this.lines.values()].map((l) => JSON.parse(l) as Doc);
  }

  /** Records the documents' new state; resolves once a flush holding it is in the file. */
  changed(docs: Doc[]): Promise<void> {
    for (const d of docs) {
      this.lines.set(d._id, JSON.stringify(d));
      this.dirty.add(d._id);
    }
    return this.flushSoon();
  }

  /** Records removed documents; resolves once the file no longer holds them. */
  removed(ids: string[]): Promise<void> {
    for (const id of ids) if (this.lines.delete(id)) this.rewriteNeeded = true;
    return this.flushSoon();
  }

  /** Waits for every flush scheduled so far and closes the file. */
  async close(): Promise<void> {
    await this.tail;
    this.release();
  }

  private flushSoon(): Promise<void> {
    if (!this.next) {
      const run = this.tail.then(() => {
        // Writes made from here on wait for the next flush.
        this.next = null;
        return this.flush();
      });
      this.next = run;
      this.tail = run.catch(() => undefined);
    }
    return this.next;
  }

  private async flush(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const writes: { at: number; bytes: Buffer }[] = [];
    for (const id of ids) {
      const line = this.lines.get(id);
      const at = this.positions.get(id);
      if (line === undefined) continue;
      const bytes = Buffer.from(line, 'utf8');
      if (at === undefined || bytes.length > this.width) this.rewriteNeeded = true;
      else writes.push({ at, bytes: Buffer.concat([bytes, Buffer.alloc(this.width - bytes.length, ' ')]) });
    }
    if (this.rewriteNeeded) return this.rewrite();
    // A few bytes each, into the page cache: written in place at once, cheaper than a round trip.
    const fd = this.fd ?? (this.fd = openSync(this.path, 'r+'));
    for (const w of writes) writeSync(fd, w.bytes, 0, w.bytes.length, w.at * (this.width + 1));
  }

  private async rewrite(): Promise<void> {
    this.rewriteNeeded = false;
    const ids = this.sortedIds();
    let width = 0;
    for (const id of ids) width = Math.max(width, Buffer.byteLength(this.lines.get(id) as string));
    // Room for a line to grow a little (an empty field filled) without a rewrite.
    width = Math.ceil((width + 24) / 32) * 32;
    const padded = ids.map((id) => {
      const line = this.lines.get(id) as string;
      return line + ' '.repeat(width - Buffer.byteLength(line));
    });
    const text = Buffer.from(ids.length ? `${padded.join('\n')}\n` : '', 'utf8');
    const temp = `${this.path}.tmp`;
    const out = await open(temp, 'w');
    try {
      await out.writeFile(text);
    } finally {
      await out.close();
    }
    this.release();
    await rename(temp, this.path);
    this.width = width;
    this.positions = new Map(ids.map((id, i) => [id, i]));
  }

  private release(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** The ids in order: the last rewrite's order, with ids added since merged in. */
  private sortedIds(): string[] {
    const kept = [...this.positions.keys()].filter((id) => this.lines.has(id));
    const added = [...this.lines.keys()].filter((id) => !this.positions.has(id)).sort();
    if (!added.length) return kept;
    const out: string[] = [];
    let i = 0;
    for (const id of kept) {
      while (i < added.length && (added[i] as string) < id) out.push(added[i++] as string);
      out.push(id);
    }
    while (i < added.length) out.push(added[i++] as string);
    return out;
  }
}
