import { RevisionSyntaxError } from '../core/errors.js';
import { OperationBuilder } from '../operations/operation-builder.js';
import type { Operation } from '../operations/operation.js';
import type { MigrationFn } from '../revisions/revision.js';
import type { LocatedChange } from './change.js';
import { changesOfOperation } from './op-changes.js';
import type { RevisionSource } from './revision-source.js';
import { callSites, findFunction, type FunctionSpan } from './source/call-sites.js';
import { maskCode } from './source/code-mask.js';
import { LineIndex } from './source/line-index.js';
import type { StatementReader } from './sql/parsed-statement.js';
import { codeStart, locateStatements } from './statement-locations.js';

/** A change before the schema tracker has said what it knows about it. */
export type RawChange = Omit<LocatedChange, 'known'>;

/** A SQL statement no reader could read. */
export interface UnreadableStatement {
  readonly section: 'up' | 'down';
  /** Where reading failed (the statement's start when the reader gives no position). */
  readonly line: number;
  readonly column: number;
  /** The statement's own line, which a `dihya-ignore` comment above it names. */
  readonly anchorLine: number;
  readonly message: string;
  /** The statement's start, on one line, shortened. */
  readonly excerpt: string;
}

/** What one revision does, for one dialect. */
export interface RevisionFacts {
  readonly up: readonly RawChange[];
  /** How many operations or statements `down` records. */
  readonly downSteps: number;
  readonly unreadable: readonly UnreadableStatement[];
}

/** How a revision's SQL is split and read for one dialect. */
export interface SqlTools {
  readonly split: (sql: string) => string[];
  readonly read: StatementReader;
}

/** Records the operations of a TypeScript revision's functions once, for every dialect. */
export class OperationRecorder {
  readonly #cache = new Map<MigrationFn, readonly Operation[]>();

  async record(fn: MigrationFn, file: string, section: 'up' | 'down'): Promise<readonly Operation[]> {
    let ops = this.#cache.get(fn);
    if (!ops) {
      const op = new OperationBuilder();
      try {
        await fn(op);
      } catch (e) {
        throw new RevisionSyntaxError(file, `${section}() fails when its operations are recorded: ${(e as Error).message}`, { cause: e });
      }
      ops = op.operations;
      this.#cache.set(fn, ops);
    }
    return ops;
  }
}

/**
 * Reads what a revision does: runs a TypeScript revision's `up`/`down` against an
 * OperationBuilder (no database) and finds each `op` call in the source, or splits the sections
 * of a SQL revision; raw SQL is read with the dialect's reader.
 */
export async function revisionFacts(source: RevisionSource, sql: SqlTools, recorder: OperationRecorder): Promise<RevisionFacts> {
  const lines = new LineIndex(source.text);
  return source.format === 'sql' ? sqlRevisionFacts(source, lines, sql) : tsRevisionFacts(source, lines, sql, recorder);
}

async function tsRevisionFacts(source: RevisionSource, lines: LineIndex, sql: SqlTools, recorder: OperationRecorder): Promise<RevisionFacts> {
  const masked = maskCode(source.text);
  const unreadable: UnreadableStatement[] = [];
  const up: RawChange[] = [];
  let downSteps = 0;
  for (const section of ['up', 'down'] as const) {
    const fn = source.body?.[section];
    if (!fn) continue;
    const ops = await recorder.record(fn, source.file, section);
    if (section === 'down') downSteps = ops.length;
    const span = findFunction(masked, section);
    const sites = placeOperations(ops, masked, span, section);
    ops.forEach((op, i) => {
      const at = sites[i]!;
      if (op.kind === 'execute') {
        const region = { start: at, end: span?.end ?? source.text.length };
        const statements = locateStatements(source.text, op.sql, region, sql.split, at);
        for (const st of statements) readStatement(st.sql, st.offset, section, lines, sql.read, up, unreadable);
        return;
      }
      if (section === 'down') return;
      const { line, column } = lines.at(at);
      for (const change of changesOfOperation(op)) up.push({ change, line, column, origin: 'op' });
    });
  }
  return { up, downSteps, unreadable };
}

/** Matches the n-th recorded call of a method to the n-th `op.<method>(` in the function's source. */
function placeOperations(ops: readonly Operation[], masked: string, span: FunctionSpan | undefined, section: 'up' | 'down'): number[] {
  if (!span) {
    // `up: someFunction` defined elsewhere: point at the key at least.
    const key = masked.search(new RegExp(`(?<![.\\w$])${section}\\s*[:(]`));
    return ops.map(() => Math.max(key, 0));
  }
  const fallback = span.keyOffset;
  const byMethod = new Map<string, number[]>();
  for (const site of callSites(masked, span)) byMethod.set(site.method, [...(byMethod.get(site.method) ?? []), site.offset]);
  const used = new Map<string, number>();
  return ops.map((op) => {
    const offsets = byMethod.get(op.kind) ?? [];
    const n = used.get(op.kind) ?? 0;
    used.set(op.kind, n + 1);
    // A call made in a loop or a helper records more operations than the source shows calls.
    return offsets[Math.min(n, offsets.length - 1)] ?? fallback;
  });
}

function sqlRevisionFacts(source: RevisionSource, lines: LineIndex, sql: SqlTools): RevisionFacts {
  const unreadable: UnreadableStatement[] = [];
  const up: RawChange[] = [];
  let downSteps = 0;
  for (const [section, region] of sqlSections(source.text, lines)) {
    const statements = locateStatements(source.text, source.text.slice(region.start, region.end), region, sql.split);
    if (section === 'down') downSteps = statements.length;
    for (const st of statements) readStatement(st.sql, st.offset, section, lines, sql.read, up, unreadable);
  }
  return { up, downSteps, unreadable };
}

/** The `-- dihya:up` and `-- dihya:down` sections of a SQL revision, as offsets in its text. */
function sqlSections(text: string, lines: LineIndex): Array<['up' | 'down', { start: number; end: number }]> {
  const marks: Array<{ section: 'up' | 'down'; line: number }> = [];
  for (let n = 1; n <= lines.lineCount; n++) {
    const m = /^\s*--\s*dihya:(up|down)\b/.exec(lines.line(n));
    if (m) marks.push({ section: m[1] as 'up' | 'down', line: n });
  }
  return marks.map((mark, i) => {
    const next = marks[i + 1];
    return [mark.section, { start: lines.lineStart(mark.line + 1), end: next ? lines.lineStart(next.line) : text.length }];
  });
}

function readStatement(
  text: string,
  offset: number,
  section: 'up' | 'down',
  lines: LineIndex,
  read: StatementReader,
  up: RawChange[],
  unreadable: UnreadableStatement[],
): void {
  const start = lines.at(offset);
  const parsed = read(text);
  const leading = codeStart(text, 0);
  // String literals may hold personal data or secrets: the excerpt keeps the statement's shape only.
  const excerpt = text.slice(leading).replace(/'(?:[^']|'')*('|$)/g, "'…$1").replace(/\s+/g, ' ').trim();
  if (!parsed.ok) {
    const at = parsed.offset !== undefined ? lines.at(offset + Math.max(parsed.offset - leading, 0)) : start;
    unreadable.push({ section, ...at, anchorLine: start.line, message: parsed.message, excerpt: excerpt.length > 60 ? `${excerpt.slice(0, 59)}…` : excerpt });
    return;
  }
  if (section === 'down') return;
  for (const change of parsed.changes) {
    up.push({ change, ...start, origin: 'sql', ...(parsed.algorithm ? { algorithm: parsed.algorithm } : {}) });
  }
}
