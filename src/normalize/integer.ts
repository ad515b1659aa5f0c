/** "123", "1 234" → 123, 1234; null when the text holds anything but digits and group spaces. */
export function integer(raw: string): number | null {
  const plain = raw.replace(/[ \u00a0\u202f]/gu, "");
  return /^\d+$/u.test(plain) ? Number(plain) : null;
}

/**
 * A count as OCR reads it: letters taken for digits inside it ("Contre : O", "1O", "l2") are read as the
 * digits they stand for. The rule's pattern ({{OCR_INT}}) only lets such letters through next to a
 * count label or other digits, so a word is never turned into a number.
 */
export function ocrInteger(raw: string): number | null {
  return integer(raw.replace(/[Oo]/gu, "0").replace(/[lI|]/gu, "1"));
}
