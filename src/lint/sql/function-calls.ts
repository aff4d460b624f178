/**
 * The functions a SQL expression calls, lower-case and without schema, found in the text with
 * string literals and quoted names taken out: `coalesce(x, gen_random_uuid())` →
 * `['coalesce', 'gen_random_uuid']`. Used where no parse tree is at hand (an `op` default).
 *
 * @example functionCalls("md5(random()::text) || 'x(y)'"); // ['md5', 'random']
 */
export function functionCalls(expression: string): string[] {
  const bare = expression.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`/g, ' ');
  const out: string[] = [];
  for (const m of bare.matchAll(/([A-Za-z_][\w$]*)\s*\(/g)) out.push(m[1]!.toLowerCase());
  return out;
}
