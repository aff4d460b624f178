import type { SqlToken } from './sql-tokens.js';

/** Walks the tokens of one statement for the tolerant reader. */
export class TokenCursor {
  #i = 0;
  constructor(readonly tokens: readonly SqlToken[]) {}

  /** Index of the next token. */
  get position(): number {
    return this.#i;
  }

  get done(): boolean {
    return this.#i >= this.tokens.length;
  }

  peek(k = 0): SqlToken | undefined {
    return this.tokens[this.#i + k];
  }

  /** Whether the next tokens are these words (upper-case), in order. */
  is(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.peek(k);
      return t !== undefined && (t.type === 'word' || t.type === 'punct') && t.value === w;
    });
  }

  /** Consumes the words if they come next. */
  accept(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.#i += words.length;
    return true;
  }

  next(): SqlToken | undefined {
    return this.tokens[this.#i++];
  }

  /** A possibly qualified name (`db.t`, `` `t` ``); the `public.` schema is dropped. */
  name(): string | undefined {
    const parts: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || (t.type !== 'word' && t.type !== 'name')) break;
      parts.push(t.type === 'word' ? t.text : t.value);
      this.#i++;
      if (!this.accept('.')) break;
    }
    if (parts.length > 1 && parts[0]!.toLowerCase() === 'public') parts.shift();
    return parts.length ? parts.join('.') : undefined;
  }

  /** A parenthesised group, split at its top-level commas; undefined when no `(` comes next. */
  group(): SqlToken[][] | undefined {
    if (!this.is('(')) return undefined;
    const start = this.#i + 1;
    let depth = 0;
    for (; this.#i < this.tokens.length; this.#i++) {
      const v = this.tokens[this.#i]!;
      if (v.type !== 'punct') continue;
      if (v.value === '(') depth++;
      if (v.value === ')' && --depth === 0) break;
    }
    const inner = this.tokens.slice(start, this.#i);
    this.#i++;
    return splitTopLevel(inner);
  }

  /** The tokens not read yet, consumed. */
  rest(): SqlToken[] {
    const out = this.tokens.slice(this.#i);
    this.#i = this.tokens.length;
    return [...out];
  }
}

/** Splits tokens at the commas outside parentheses. */
export function splitTopLevel(tokens: readonly SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'punct' && t.value === '(') depth++;
    if (t.type === 'punct' && t.value === ')') depth--;
    if (depth === 0 && t.type === 'punct' && t.value === ',') out.push([]);
    else out.at(-1)!.push(t);
  }
  return out.filter((part) => part.length > 0);
}

/** Where parentheses do not balance, or undefined when they do. */
export function unbalancedParenthesis(tokens: readonly SqlToken[]): SqlToken | undefined {
  const open: SqlToken[] = [];
  for (const t of tokens) {
    if (t.type !== 'punct') continue;
    if (t.value === '(') open.push(t);
    if (t.value === ')' && open.pop() === undefined) return t;
  }
  return open.at(-1);
}
