/**
 * ANSI colours for a stream, following the NO_COLOR and FORCE_COLOR conventions: FORCE_COLOR
 * (any value but 0) turns them on, NO_COLOR (any non-empty value) off, otherwise a terminal gets them.
 */
export function colorsEnabled(stream: NodeJS.WriteStream): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (process.env.NO_COLOR) return false;
  return Boolean(stream.isTTY);
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

/** A painter for one stream: identity when colours are off. */
export function painter(stream: NodeJS.WriteStream): (color: Color, text: string) => string {
  const on = colorsEnabled(stream);
  return (color, text) => (on ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text);
}
