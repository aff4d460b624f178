import { abbreviate } from '../core/errors.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';
import { runsOutsideTransaction } from '../runner/outside-transaction.js';

/** What one statement did to the tables, as PostgreSQL's catalogue shows it. */
export interface StatementTrace {
  readonly direction: 'up' | 'down';
  /** The statement on one line, shortened (bound values are not part of it). */
  readonly statement: string;
  /**
   * Table locks the statement took beyond what its transaction already held: per table, the
   * strongest new mode, when it is stronger than the one held before.
   */
  readonly locks: readonly TableLock[];
  /** Every table lock its transaction holds once it has run (until commit): the strongest per table. */
  readonly held: readonly TableLock[];
  /** Tables whose storage the statement replaced: every row was rewritten. */
  readonly rewrites: readonly string[];
  /**
   * The statement ran on its own (CREATE INDEX CONCURRENTLY): its locks end with it, so none can be
   * read afterwards.
   */
  readonly outsideTransaction: boolean;
}

/** A lock on a table, in PostgreSQL's words (`AccessExclusiveLock`). */
export interface TableLock {
  readonly table: string;
  readonly mode: string;
}

interface TableState {
  readonly name: string;
  readonly filenode: string;
}

/** The runner reads these in every step's transaction; their locks say nothing about the revision. */
const BOOKKEEPING = new Set(['dihya_version', 'dihya_history', 'dihya_audit']);

/** Lock modes from the weakest to the strongest, as PostgreSQL ranks them. */
const MODES = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

/**
 * Records, around each statement of a revision, the table locks its transaction gained (pg_locks of
 * this session) and the tables whose relfilenode changed (a rewrite). PostgreSQL and PGlite only.
 *
 * @example
 * const tracer = new StatementTracer(conn, dialect);
 * await tracer.around('up', statement, run); // tracer.entries → [{ statement, locks, held, rewrites, … }]
 */
export class StatementTracer {
  readonly entries: StatementTrace[] = [];

  constructor(
    private readonly conn: Connection,
    private readonly dialect: Dialect,
  ) {}

  /** Runs the statement between two readings of the catalogue; a failing statement is not recorded. */
  async around(direction: 'up' | 'down', statement: Statement, run: () => Promise<void>): Promise<void> {
    const tablesBefore = await this.tables();
    const locksBefore = new Set(await this.locks());
    await run();
    const tablesAfter = await this.tables();
    const names = new Map([...tablesBefore, ...tablesAfter].map(([oid, t]) => [oid, t.name]));
    const locksAfter = await this.locks();
    const heldBefore = new Map(strongestPerTable([...locksBefore], names).map((l) => [l.table, l.mode]));
    // A weaker mode gained on a table already locked more strongly changes nothing for other sessions.
    const locks = strongestPerTable(locksAfter.filter((l) => !locksBefore.has(l)), names)
      .filter((l) => MODES.indexOf(l.mode) > MODES.indexOf(heldBefore.get(l.table) ?? ''));
    const held = strongestPerTable(locksAfter, names);
    const rewrites = [...tablesAfter]
      .filter(([oid, t]) => tablesBefore.has(oid) && tablesBefore.get(oid)!.filenode !== t.filenode && t.filenode !== '0')
      .map(([, t]) => t.name)
      .sort();
    this.entries.push({ direction, statement: abbreviate(statement.sql, 160), locks, held, rewrites, outsideTransaction: runsOutsideTransaction(this.dialect, statement) });
  }

  /** The tables of the schemas on the search path: oid → name and storage file. */
  private async tables(): Promise<Map<string, TableState>> {
    const rows = await this.conn.query<{ oid: string; name: string; filenode: string }>(
      `SELECT c.oid::text AS oid, c.relname AS name, c.relfilenode::text AS filenode
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY (current_schemas(false))`,
    );
    return new Map(rows.map((r) => [r.oid, { name: r.name, filenode: r.filenode }]));
  }

  /** This session's granted relation locks, as `oid mode`. */
  private async locks(): Promise<string[]> {
    const rows = await this.conn.query<{ lock: string }>(
      `SELECT relation::text || ' ' || mode AS lock FROM pg_locks
        WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted AND relation IS NOT NULL`,
    );
    return rows.map((r) => r.lock);
  }
}

/** `oid mode` pairs as the strongest mode per table, strongest first; relations that are not tables are left out. */
function strongestPerTable(locks: readonly string[], names: ReadonlyMap<string, string>): TableLock[] {
  const strongest = new Map<string, string>();
  for (const lock of locks) {
    const [oid, mode] = lock.split(' ') as [string, string];
    const table = names.get(oid);
    if (!table || BOOKKEEPING.has(table)) continue;
    const current = strongest.get(table);
    if (!current || MODES.indexOf(mode) > MODES.indexOf(current)) strongest.set(table, mode);
  }
  return [...strongest]
    .map(([table, mode]) => ({ table, mode }))
    .sort((a, b) => MODES.indexOf(b.mode) - MODES.indexOf(a.mode) || a.table.localeCompare(b.table));
}
