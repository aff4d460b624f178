/** A token of MySQL or SQLite text. Comments and white space are dropped. */
export interface SqlToken {
  readonly type: 'word' | 'name' | 'string' | 'number' | 'punct';
  /** Words upper-cased; quoted names and strings unquoted; punctuation as written. */
  readonly value: string;
  /** The token as written. */
  readonly text: string;
  /** 0-based offset in the statement. */
  readonly offset: number;
}

/** The text cannot be split into tokens (an unterminated string, name or comment). */
export class SqlTokenError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

const CLOSERS: Record<string, string> = { "'": "'", '"': '"', '`': '`', '[': ']' };

/**
 * Splits a MySQL or SQLite statement into tokens: `'…'` strings (with `''` and backslash escapes),
 * `"…"`, `` `…` `` and (SQLite) `[…]` quoted names, numbers, words and punctuation. `--`, `#` and
 * `/* … *\/` comments are skipped.
 *
 * @example sqlTokens('ALTER TABLE `t` ADD x int').map((t) => t.value); // ['ALTER', 'TABLE', 't', 'ADD', 'X', 'INT']
 */
export function sqlTokens(sql: string, dialect: 'mysql' | 'sqlite'): SqlToken[] {
  const out: SqlToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && sql[i + 1] === '-') || (c === '#' && dialect === 'mysql')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new SqlTokenError('a /* comment is not closed', i);
      i = end + 2;
    } else if (c in CLOSERS && (c !== '[' || dialect === 'sqlite')) {
      const end = closingQuote(sql, i, CLOSERS[c]!, c === "'" && dialect === 'mysql');
      const body = sql.slice(i + 1, end).replaceAll(CLOSERS[c]! + CLOSERS[c]!, CLOSERS[c]!);
      out.push({ type: c === "'" ? 'string' : 'name', value: body, text: sql.slice(i, end + 1), offset: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?|^0x[0-9a-f]+/i.exec(sql.slice(i))!;
      out.push({ type: 'number', value: m[0], text: m[0], offset: i });
      i += m[0].length;
    } else if (/[A-Za-z_$@\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_$@\u0080-\uffff][\w$@\u0080-\uffff]*/.exec(sql.slice(i))!;
      out.push({ type: 'word', value: m[0].toUpperCase(), text: m[0], offset: i });
      i += m[0].length;
    } else {
      const two = sql.slice(i, i + 2);
      const p = ['<=', '>=', '<>', '!=', '||', '::', ':='].includes(two) ? two : c;
      out.push({ type: 'punct', value: p, text: p, offset: i });
      i += p.length;
    }
  }
  return out;
}

function closingQuote(sql: string, start: number, close: string, backslash: boolean): number {
  for (let i = start + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslash && c === '\\') {
      i++;
    } else if (c === close) {
      if (sql[i + 1] === close && close !== ']') i++;
      else return i;
    }
  }
  const what = close === "'" ? 'a string' : 'a quoted name';
  throw new SqlTokenError(`${what} starting here is not closed`, start);
}
