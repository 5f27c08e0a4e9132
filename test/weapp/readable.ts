/** Nothing a person should never read on a page: codes, ISO dates, period keys. */
export function expectReadable(text: string): void {
  expect(text).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\b\d{4}-Q[1-4]\b/);
}
