import { TargetError } from '../core/errors.js';

/**
 * A parsed target. `symbol` is a revision id, id prefix, branch label, `head`, `heads` or `base`;
 * `branch` is the part before `@` (a branch label or a revision that stands for its branch).
 *
 * @example
 * { kind: 'relative', branch: 'net', delta: 1 } // 'net@+1'
 */
export type TargetExpr =
  | { readonly kind: 'absolute'; readonly branch?: string; readonly symbol: string }
  | { readonly kind: 'relative'; readonly branch?: string; readonly symbol?: string; readonly delta: number };

type Token =
  | { readonly type: 'word'; readonly text: string }
  | { readonly type: 'at' }
  | { readonly type: 'sign'; readonly negative: boolean }
  | { readonly type: 'number'; readonly value: number };

const NAME_STOP = /[@\s:]/;

/**
 * Parses a target string: `ID`, `head`, `heads`, `base`, `+N`, `-N`, `ID+N`, `ID-N`,
 * `LABEL@head`, `LABEL@heads`, `LABEL@base`, `LABEL@ID`, `LABEL@+N`, `LABEL@-N`, `LABEL@ID+N`.
 * Throws TARGET_INVALID for anything else.
 *
 * @example
 * parseTarget('core@-1'); // { kind: 'relative', branch: 'core', delta: -1 }
 */
export function parseTarget(text: string): TargetExpr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (offset = 0): Token | undefined => tokens[pos + offset];
  let branch: string | undefined;
  const first = peek();
  if (first?.type === 'word' && peek(1)?.type === 'at') {
    branch = first.text;
    pos += 2;
  }
  const head = peek();
  let symbol: string | undefined;
  if (head?.type === 'word') {
    symbol = head.text;
    pos += 1;
  }
  let expr: TargetExpr | undefined;
  const sign = peek();
  const amount = peek(1);
  if (sign?.type === 'sign' && amount?.type === 'number') {
    pos += 2;
    const delta = sign.negative ? -amount.value : amount.value;
    expr = { kind: 'relative', ...(branch !== undefined && { branch }), ...(symbol !== undefined && { symbol }), delta };
  } else if (symbol !== undefined) {
    expr = { kind: 'absolute', ...(branch !== undefined && { branch }), symbol };
  }
  if (!expr || pos !== tokens.length) throw invalid(text);
  return expr;
}

/**
 * Splits a target into tokens. A `+`/`-` followed by digits up to the end of the text is a
 * relative step; a `-` inside a name is part of it, so labels such as `user-auth` work.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '@') {
      tokens.push({ type: 'at' });
      i += 1;
    } else if ((ch === '+' || ch === '-') && /^\d+$/.test(text.slice(i + 1))) {
      tokens.push({ type: 'sign', negative: ch === '-' });
      tokens.push({ type: 'number', value: Number.parseInt(text.slice(i + 1), 10) });
      i = text.length;
    } else if (NAME_STOP.test(ch) || ch === '+' || ch === '-') {
      throw invalid(text);
    } else {
      let end = i + 1;
      while (end < text.length && !NAME_STOP.test(text[end]!) && text[end] !== '+' && !isRelativeTail(text, end)) end += 1;
      tokens.push({ type: 'word', text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

function isRelativeTail(text: string, at: number): boolean {
  const ch = text[at];
  return (ch === '+' || ch === '-') && /^\d+$/.test(text.slice(at + 1));
}

function invalid(text: string): TargetError {
  return new TargetError(
    'TARGET_INVALID',
    `cannot read target '${text}'; use a revision id, 'head', 'heads', 'base', '+N', '-N', 'ID+N' or 'label@head'`,
  );
}
