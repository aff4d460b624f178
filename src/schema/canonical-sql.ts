/**
 * A canonical form of a SQL expression, for comparing what a schema declares with what a database
 * prints back (PostgreSQL adds parentheses and casts and turns `IN (…)` into `= ANY (ARRAY[…])`;
 * MariaDB quotes identifiers with backticks and renames a few functions). String literals are kept
 * as written; everything else is lower-cased, unquoted and stripped of casts, grouping parentheses
 * and spaces. Two expressions that differ only in how their terms are grouped compare equal: the
 * differ confirms any remaining difference against the database itself.
 */
export function canonicalExpression(sql: string): string {
  let tokens = tokenize(sql);
  tokens = dropCasts(tokens);
  tokens = anyArrayToIn(tokens);
  tokens = tokens.map((t) => FUNCTION_ALIASES[t] ?? t);
  tokens = bareNiladic(tokens);
  tokens = dropGroupingParens(tokens);
  return join(tokens);
}

const FUNCTION_ALIASES: Record<string, string> = { lcase: 'lower', ucase: 'upper', now: 'current_timestamp' };

const TOKEN = /\s+|'(?:[^'\\]|''|\\.)*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|::|[A-Za-z_][A-Za-z0-9_$]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?|<>|!=|>=|<=|\|\||./gis;

function tokenize(sql: string): string[] {
  const out: string[] = [];
  for (const m of sql.matchAll(TOKEN)) {
    const t = m[0];
    if (/^\s+$/.test(t)) continue;
    if (t.startsWith("'")) out.push(t.replace(/\\'/g, "''"));
    else if (t.startsWith('"')) out.push(t.slice(1, -1).replace(/""/g, '"').toLowerCase());
    else if (t.startsWith('`')) out.push(t.slice(1, -1).replace(/``/g, '`').toLowerCase());
    else out.push(t === '!=' ? '<>' : t.toLowerCase());
  }
  return out;
}

const TYPE_WORDS = new Set(['varying', 'precision', 'without', 'with', 'time', 'zone']);

/** Removes `::type`, `::character varying(10)`, `::text[]`. */
function dropCasts(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== '::') {
      out.push(tokens[i]!);
      continue;
    }
    i++; // the type name
    while (TYPE_WORDS.has(tokens[i + 1] ?? '')) i++;
    if (tokens[i + 1] === '(' && /^\d/.test(tokens[i + 2] ?? '')) {
      while (i < tokens.length && tokens[i] !== ')') i++;
    }
    while (tokens[i + 1] === '[' && tokens[i + 2] === ']') i += 2;
  }
  return out;
}

/** `x = ANY (ARRAY[a, b])` → `x IN (a, b)`; `x <> ALL (ARRAY[…])` → `x NOT IN (…)`. */
function anyArrayToIn(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const op = tokens[i];
    const quantifier = tokens[i + 1];
    if ((op === '=' && quantifier === 'any') || (op === '<>' && quantifier === 'all')) {
      let j = i + 2;
      let opened = 0;
      while (tokens[j] === '(') {
        opened++;
        j++;
      }
      if (tokens[j] === 'array' && tokens[j + 1] === '[') {
        const close = matching(tokens, j + 1, '[', ']');
        if (close > 0) {
          out.push(...(op === '=' ? ['in'] : ['not', 'in']), '(', ...tokens.slice(j + 2, close), ')');
          i = close + opened;
          continue;
        }
      }
    }
    out.push(tokens[i]!);
  }
  return out;
}

/** `current_timestamp()` and MySQL's `current_timestamp(6)` are the same default as `current_timestamp`. */
function bareNiladic(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(tokens[i]!);
    if (NILADIC.has(tokens[i]!) && tokens[i + 1] === '(') {
      if (tokens[i + 2] === ')') i += 2;
      else if (/^\d+$/.test(tokens[i + 2] ?? '') && tokens[i + 3] === ')') i += 3;
    }
  }
  return out;
}

const NILADIC = new Set(['current_timestamp', 'current_date', 'current_time', 'localtimestamp', 'localtime']);

function matching(tokens: string[], open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k] === o) depth++;
    else if (tokens[k] === c && --depth === 0) return k;
  }
  return -1;
}

/** Parentheses that only group (not a function call's) carry no meaning for the comparison. */
function dropGroupingParens(tokens: string[]): string[] {
  const calls: boolean[] = [];
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '(') {
      const prev = tokens[i - 1] ?? '';
      const call = /^[a-z_][a-z0-9_$]*$/.test(prev) && !KEYWORDS.has(prev);
      calls.push(call);
      if (call) out.push(t);
    } else if (t === ')') {
      if (calls.pop()) out.push(t);
    } else out.push(t);
  }
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'between', 'like', 'when', 'then', 'else', 'case', 'where', 'on', 'as', 'any', 'all', 'exists']);

function join(tokens: string[]): string {
  let s = '';
  for (const t of tokens) {
    const word = /^[a-z0-9_$']/.test(t);
    if (s && word && /[a-z0-9_$']$/.test(s)) s += ' ';
    s += t;
  }
  return s;
}

/**
 * The canonical form of a column default: canonical as an expression, NULL as no default, numbers
 * in one spelling (`1.50` and `1.5` alike). `booleansAsNumbers`: where TRUE/FALSE are stored as 1/0
 * (SQLite, MySQL). `unquoteNumbers`: where a number may come back quoted (`'-1'::integer`).
 */
export function canonicalDefault(sql: string | null, opts: { booleansAsNumbers: boolean; unquoteNumbers: boolean }): string | null {
  if (sql === null) return null;
  const c = canonicalExpression(sql);
  if (c === 'null') return null;
  if (opts.booleansAsNumbers && (c === 'true' || c === 'false')) return c === 'true' ? '1' : '0';
  const quoted = opts.unquoteNumbers ? /^'([+-]?\d+(?:\.\d+)?)'$/.exec(c) : null;
  if (quoted) return String(Number(quoted[1]));
  return /^[+-]?\d+(?:\.\d+)?$/.test(c) ? String(Number(c)) : c;
}
