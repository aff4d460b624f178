/** Where a revision's `up` or `down` function is in the (masked) source. */
export interface FunctionSpan {
  /** Offset of the `up`/`down` key. */
  readonly keyOffset: number;
  /** The body, from its first to its last character. */
  readonly start: number;
  readonly end: number;
  /** The name of the builder parameter (`op` in `async up(op)`). */
  readonly param: string;
}

/** One `op.<method>(` call in a function body. */
export interface CallSite {
  readonly method: string;
  /** Offset of the parameter name (`op`) that starts the call. */
  readonly offset: number;
}

/**
 * Finds `up`/`down` in a revision written as `defineMigration({ … })`: method shorthand
 * (`async up(op) { … }`), a property with a function or an arrow (`up: async (op) => { … }`).
 * `masked` is the file with strings and comments blanked (see maskCode).
 *
 * @example findFunction(maskCode(text), 'up')?.param; // 'op'
 */
export function findFunction(masked: string, name: 'up' | 'down'): FunctionSpan | undefined {
  const key = new RegExp(`(?<![.\\w$])${name}\\s*(?=[:(])`, 'g');
  for (const m of masked.matchAll(key)) {
    const span = readFunction(masked, m.index!, m.index! + m[0].length);
    if (span) return span;
  }
  return undefined;
}

function readFunction(s: string, keyOffset: number, from: number): FunctionSpan | undefined {
  let i = skipSpace(s, from);
  if (s[i] === ':') {
    i = skipSpace(s, i + 1);
    i = skipWord(s, i, 'async');
    i = skipWord(s, i, 'function');
    if (/[A-Za-z_$]/.test(s[i] ?? '') && s.slice(i).match(/^[\w$]+\s*\(/)) i = skipSpace(s, i + s.slice(i).match(/^[\w$]+/)![0].length);
  }
  let param = 'op';
  if (s[i] === '(') {
    const close = matching(s, i, '(', ')');
    if (close < 0) return undefined;
    param = /^\s*([A-Za-z_$][\w$]*)/.exec(s.slice(i + 1, close))?.[1] ?? param;
    i = skipSpace(s, close + 1);
  } else {
    const id = /^[A-Za-z_$][\w$]*/.exec(s.slice(i));
    if (!id) return undefined;
    param = id[0];
    i = skipSpace(s, i + id[0].length);
    if (!s.startsWith('=>', i)) return undefined;
  }
  // A return type annotation (`: Promise<void>`) sits between the parameters and the body.
  if (s[i] === ':') while (i < s.length && s[i] !== '{' && !s.startsWith('=>', i)) i++;
  const arrow = s.startsWith('=>', i);
  if (arrow) i = skipSpace(s, i + 2);
  if (s[i] === '{') {
    const close = matching(s, i, '{', '}');
    return close < 0 ? undefined : { keyOffset, start: i + 1, end: close, param };
  }
  return arrow ? { keyOffset, start: i, end: expressionEnd(s, i), param } : undefined;
}

/**
 * The `param.<method>(` calls of a body, in source order.
 *
 * @example callSites(masked, span).map((c) => c.method); // ['addColumn', 'createIndex']
 */
export function callSites(masked: string, span: FunctionSpan): CallSite[] {
  const body = masked.slice(span.start, span.end);
  const re = new RegExp(`(?<![.\\w$])${span.param.replace(/\$/g, '\\$')}\\s*\\.\\s*([A-Za-z_$][\\w$]*)\\s*\\(`, 'g');
  return [...body.matchAll(re)].map((m) => ({ method: m[1]!, offset: span.start + m.index! }));
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

function skipWord(s: string, i: number, word: string): number {
  return new RegExp(`^${word}\\b`).test(s.slice(i, i + word.length + 1)) ? skipSpace(s, i + word.length) : i;
}

function matching(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i;
  }
  return -1;
}

/** The end of an arrow's expression body: the `,` or `}` that closes the property. */
function expressionEnd(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const ch = s[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      if (depth === 0) return i;
      depth--;
    } else if (ch === ',' && depth === 0) return i;
  }
  return s.length;
}
