import { addRow, moveRow, patchRow, removeRow } from '../../src/features/shared/listRows';

/** The row operations behind every list editor: one row changes, the others keep their values. */
const rows = [
  { id: 'a', name: '镇纪委' },
  { id: 'b', name: '镇农业农村办' },
  { id: 'c', name: '镇财政所' },
];

test('moving a row up or down swaps it with its neighbour and keeps every row whole', () => {
  expect(moveRow(rows, 2, -1)).toEqual([rows[0], rows[2], rows[1]]);
  expect(moveRow(rows, 0, 1)).toEqual([rows[1], rows[0], rows[2]]);
  // Past either end nothing moves (a stale tap on a first or last row).
  expect(moveRow(rows, 0, -1)).toEqual(rows);
  expect(moveRow(rows, 2, 1)).toEqual(rows);
  expect(moveRow(rows, 5, -1)).toEqual(rows);
});

test('removing a row keeps the others in their order with their values', () => {
  expect(removeRow(rows, 1)).toEqual([rows[0], rows[2]]);
  expect(removeRow(rows, 9)).toEqual(rows);
});

test('editing a row changes that row only; adding puts a new row last', () => {
  const edited = patchRow(rows, 1, { name: '镇农办' });
  expect(edited).toEqual([rows[0], { id: 'b', name: '镇农办' }, rows[2]]);
  expect(addRow(rows, { id: 'd', name: '' })).toEqual([...rows, { id: 'd', name: '' }]);
});

test('no operation changes the list it was given', () => {
  const before = JSON.stringify(rows);
  moveRow(rows, 1, 1);
  removeRow(rows, 0);
  patchRow(rows, 0, { name: 'x' });
  addRow(rows, { id: 'e', name: '' });
  expect(JSON.stringify(rows)).toBe(before);
});
