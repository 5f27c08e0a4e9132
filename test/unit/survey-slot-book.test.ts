/**
 * The book a process keeps of a round's answer slots: only a hint for drawing, so it must draw
 * every slot that may be empty with the same chance, never one it knows filled, and take a slot
 * back when a ballot is taken back.
 */
import { SlotBook, slotIdAt } from '../../cloudfunctions/survey/slots';

const SECRET = 'a test secret of sixteen chars';

describe('the slot book', () => {
  test('draws each slot once until none is left, and gives back one that was emptied', () => {
    const book = new SlotBook('r1', 'harmony', SECRET, 50);
    const drawn = new Set<number>();
    for (let i = 0; i < 50; i++) drawn.add(book.take() as number);
    expect(drawn.size).toBe(50);
    expect([...drawn].every((n) => n >= 0 && n < 50)).toBe(true);
    expect(book.take()).toBeNull();
    book.putBack(17);
    book.putBack(17);
    expect(book.open).toBe(1);
    expect(book.take()).toBe(17);
    // A number outside the round's slots is never taken back.
    book.putBack(50);
    book.putBack(-1);
    expect(book.open).toBe(0);
  });

  test('ids are the round’s slot ids', () => {
    const book = new SlotBook('r1', 'harmony', SECRET, 4);
    expect([0, 1, 2, 3].map((i) => book.id(i))).toEqual(
      [0, 1, 2, 3].map((i) => slotIdAt('r1', 'harmony', i, SECRET)),
    );
  });

  test('every slot still open is drawn with the same chance, whatever was filled before', () => {
    const counts = new Map<number, number>();
    const runs = 6000;
    for (let run = 0; run < runs; run++) {
      const book = new SlotBook('r1', 'harmony', SECRET, 10);
      // Half the slots filled first (as by earlier ballots), then one draw.
      for (let k = 0; k < 5; k++) book.take();
      const n = book.take() as number;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    // Every slot is as likely as any other to be the sixth filled: 600 each on average.
    expect(counts.size).toBe(10);
    for (const c of counts.values()) expect(Math.abs(c - runs / 10)).toBeLessThan(120);
  });
});
