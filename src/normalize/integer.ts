/** "123", "1 234" → 123, 1234; null when the text holds anything but digits and group spaces. */
export function integer(raw: string): number | null {
  const plain = raw.replace(/[ \u00a0\u202f]/gu, "");
  return /^\d+$/u.test(plain) ? Number(plain) : null;
}
