/**
 * The text of a TypeScript file with the inside of strings, template literals, regular expressions
 * and comments replaced by spaces (line breaks kept), so that searching it for `op.addColumn(` or
 * for braces finds only code, at the same offsets as in the file.
 *
 * @example maskCode("op.execute('op.dropTable(x)') // op.x(") // "op.execute('              ')         "
 */
export function maskCode(source: string): string {
  const out = source.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let lastCode = '';
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      const stop = closeQuote(source, i, c);
      blank(i + 1, stop - 1);
      i = stop;
      lastCode = c;
    } else if (c === '/' && /^$|[(,=:[!&|?{};+\-*%<>~^]$/.test(lastCode)) {
      const stop = closeRegex(source, i);
      blank(i + 1, stop - 1);
      i = stop;
      lastCode = '/';
    } else {
      if (!/\s/.test(c)) lastCode = c;
      i++;
    }
  }
  return out.join('');
}

/** Index just past the closing quote; template literals may nest `${ … }` with strings inside. */
function closeQuote(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') i = closeTemplateExpression(source, i + 2);
    else if (quote !== '`' && c === '\n') return i;
    else i++;
  }
  return source.length;
}

function closeTemplateExpression(source: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < source.length && depth > 0) {
    const c = source[i]!;
    if (c === "'" || c === '"' || c === '`') i = closeQuote(source, i, c);
    else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      i++;
    }
  }
  return i;
}

function closeRegex(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length && source[i] !== '\n') {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i + 1;
    i++;
  }
  return i;
}
