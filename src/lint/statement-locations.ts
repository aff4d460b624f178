/** A statement of a SQL text and where its first word is in the file. */
export interface LocatedStatement {
  readonly sql: string;
  /** Offset in the file of the statement's first character that is not a comment or space. */
  readonly offset: number;
}

/**
 * Splits SQL with the dialect's own splitter (the one the runner uses, so statement boundaries
 * match execution) and finds each statement in the file. `region` is where the SQL text starts
 * in the file; a statement that cannot be found is placed at `fallback`.
 */
export function locateStatements(
  fileText: string,
  sql: string,
  region: { start: number; end: number },
  split: (sql: string) => string[],
  fallback = region.start,
): LocatedStatement[] {
  let cursor = region.start;
  return split(sql).map((statement) => {
    const at = fileText.indexOf(statement, cursor);
    const found = at >= 0 && at < region.end;
    if (found) cursor = at + statement.length;
    const inFile = found ? at : firstLineOffset(fileText, statement, cursor, region.end) ?? fallback;
    return { sql: statement, offset: codeStart(fileText, inFile) };
  });
}

/** Where the statement's first line appears (a string literal may have escaped the rest). */
function firstLineOffset(text: string, statement: string, from: number, end: number): number | undefined {
  const first = statement.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('--'));
  if (!first) return undefined;
  const probe = first.slice(0, 60);
  const at = text.indexOf(probe, from);
  return at >= 0 && at < end ? at : undefined;
}

/** Skips spaces and SQL comments from `offset`. */
export function codeStart(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      if (end === -1) return text.length;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return offset;
      i = end + 2;
    } else {
      return i;
    }
  }
}
