/** "18h10", "18 h 10", "18h", "18:10", "18 heures 10" → "18:10"; null when it is no time of day. */
export function clockTime(raw: string): string | null {
  const m = /^(\d{1,2})\s*(?:h|heures?|:)\s*(\d{2})?$/iu.exec(raw.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
