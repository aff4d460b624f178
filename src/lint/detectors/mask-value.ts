/**
 * Masks a sensitive value for display: the first and last two characters of a long value, one of a
 * medium one, none of a short one, so that a finding can be recognised by whoever wrote it without
 * the value itself (or most of it) ever being shown. `FR7630006000011234567890189` → `FR…89`.
 */
export function maskValue(value: string): string {
  const chars = Array.from(value);
  if (chars.length >= 12) return `${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}`;
  if (chars.length >= 6) return `${chars[0]}…${chars[chars.length - 1]}`;
  return '…';
}
