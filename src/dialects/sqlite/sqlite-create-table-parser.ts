/**
 * Reads what PRAGMAs do not tell from SQLite's stored CREATE TABLE text: constraint names, CHECK
 * expressions and AUTOINCREMENT. A small tokenizer keeps quoted names, strings and nested
 * parentheses intact.
 */
export interface ParsedConstraint {
  readonly name: string | null;
  readonly kind: 'primaryKey' | 'unique' | 'check' | 'foreignKey';
  /** Columns for primary key, unique and foreign key (the column itself for column constraints). */
  readonly columns: readonly string[];
  readonly expression?: string;
}

export interface ParsedCreateTable {
  readonly constraints: readonly ParsedConstraint[];
  readonly autoincrement: boolean;
}

/** A token and where it sits in the source, so an expression can be copied out verbatim. */
type Token = { text: string; kind: 'word' | 'ident' | 'string' | 'punct'; start: number; end: number };

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') { const end = sql.indexOf('*/', i + 2); i = end === -1 ? sql.length : end + 2; continue; }
    if (c === '"' || c === '`' || c === '[' || c === "'") {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let text = '';
      while (j < sql.length) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) { text += close; j += 2; continue; }
          break;
        }
        text += sql[j++];
      }
      out.push({ text: c === "'" ? `'${text.replace(/'/g, "''")}'` : text, kind: c === "'" ? 'string' : 'ident', start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$.]/.test(sql[j]!)) j++;
      out.push({ text: sql.slice(i, j), kind: 'word', start: i, end: j });
      i = j;
      continue;
    }
    out.push({ text: c, kind: 'punct', start: i, end: i + 1 });
    i++;
  }
  return out;
}

/** Splits tokens at top-level commas inside the outermost parentheses of CREATE TABLE. */
function items(tokens: Token[]): Token[][] {
  const start = tokens.findIndex((t) => t.text === '(');
  const result: Token[][] = [];
  let depth = 0;
  let current: Token[] = [];
  for (const t of tokens.slice(start + 1)) {
    if (t.text === '(') depth++;
    if (t.text === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (t.text === ',' && depth === 0) { result.push(current); current = []; continue; }
    current.push(t);
  }
  if (current.length) result.push(current);
  return result;
}

/** The tokens of a parenthesised group starting at `from` (which must be '('), and the index after it. */
function group(tokens: Token[], from: number): { inner: Token[]; next: number } {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++;
    if (tokens[i]!.text === ')' && --depth === 0) return { inner: tokens.slice(from + 1, i), next: i + 1 };
  }
  return { inner: tokens.slice(from + 1), next: tokens.length };
}

const upper = (t: Token | undefined) => (t && t.kind === 'word' ? t.text.toUpperCase() : '');

/**
 * The source text the tokens span. Copied rather than re-rendered from tokens, which would split
 * operators such as `>=` or `<>` and change what SQLite is later asked to parse.
 */
function sourceOf(sql: string, tokens: Token[]): string {
  if (tokens.length === 0) return '';
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end).trim();
}

const names = (tokens: Token[]) => tokens.filter((t) => t.kind !== 'punct').map((t) => t.text);

function readConstraints(sql: string, tokens: Token[], column: string | null): ParsedConstraint[] {
  const out: ParsedConstraint[] = [];
  let name: string | null = null;
  for (let i = column ? 1 : 0; i < tokens.length; i++) {
    const w = upper(tokens[i]);
    if (w === 'CONSTRAINT') { name = tokens[++i]!.text; continue; }
    if (w === 'PRIMARY') {
      let cols = column ? [column] : [];
      if (!column) { const g = group(tokens, i + 2); cols = names(g.inner).filter((n) => !/^(ASC|DESC)$/i.test(n)); i = g.next - 1; }
      out.push({ name, kind: 'primaryKey', columns: cols }); name = null;
    } else if (w === 'UNIQUE') {
      let cols = column ? [column] : [];
      if (!column) { const g = group(tokens, i + 1); cols = names(g.inner); i = g.next - 1; }
      out.push({ name, kind: 'unique', columns: cols }); name = null;
    } else if (w === 'CHECK') {
      const g = group(tokens, i + 1);
      out.push({ name, kind: 'check', columns: column ? [column] : [], expression: sourceOf(sql, g.inner) }); name = null;
      i = g.next - 1;
    } else if (w === 'FOREIGN' || w === 'REFERENCES') {
      let cols = column ? [column] : [];
      if (w === 'FOREIGN') {
        const g = group(tokens, i + 2);
        cols = names(g.inner);
        // Step over the REFERENCES that belongs to this FOREIGN KEY.
        i = upper(tokens[g.next]) === 'REFERENCES' ? g.next : g.next - 1;
      }
      out.push({ name, kind: 'foreignKey', columns: cols }); name = null;
    } else if (w === 'NOT' || w === 'NULL' || w === 'DEFAULT' || w === 'COLLATE' || w === 'GENERATED') {
      name = null; // a named NOT NULL/DEFAULT constraint: its name is not kept by SQLite's pragmas either
    }
  }
  return out;
}

/** Parses SQLite's stored CREATE TABLE text. */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql);
  const constraints: ParsedConstraint[] = [];
  for (const item of items(tokens)) {
    const first = upper(item[0]);
    const isTableConstraint = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].includes(first) && item[0]!.kind === 'word';
    constraints.push(...readConstraints(sql, item, isTableConstraint ? null : item[0]!.text));
  }
  return { constraints, autoincrement: tokens.some((t) => upper(t) === 'AUTOINCREMENT') };
}

/**
 * The key columns and WHERE clause of a stored CREATE INDEX statement. An expression is returned as
 * written, without the parentheses around it (`(lower(email))` → `lower(email)`), which is what
 * PRAGMA index_info cannot tell; tokens keep a quoted name containing "where" from being taken for
 * the clause.
 */
export function parseIndex(sql: string): { columns: string[]; where: string | null } {
  const tokens = tokenize(sql);
  const columns = items(tokens).map((item) => {
    const first = item[0];
    if (first?.text === '(' && first.kind === 'punct') return sourceOf(sql, group(item, 0).inner);
    return sourceOf(sql, item);
  });
  const rest = tokens.slice(group(tokens, tokens.findIndex((t) => t.text === '(' && t.kind === 'punct')).next);
  return { columns, where: upper(rest[0]) === 'WHERE' ? sourceOf(sql, rest.slice(1)) : null };
}
