import { DihyaError, StatementFailedError } from '../core/errors.js';
import { redactValues } from '../core/redaction.js';
import type { Connection, Dialect, RenderContext, Statement } from '../dialects/dialect.js';
import { OperationBuilder } from '../operations/operation-builder.js';
import type { Operation } from '../operations/operation.js';
import type { MigrationFn } from '../revisions/revision.js';
import { runsOutsideTransaction } from './outside-transaction.js';
import { pseudonymizeStatements } from './pseudonymize-column.js';

/** Runs a revision's `up` or `down` against a recorder and returns the operations it asked for. */
export async function collectOperations(fn: MigrationFn): Promise<readonly Operation[]> {
  const op = new OperationBuilder();
  await fn(op);
  return op.operations;
}

/** A render context that reads the schema through the same connection (inside the transaction). */
export function renderContext(conn: Connection, dialect: Dialect): RenderContext {
  return {
    introspectTable: async (table) => (await dialect.introspect(conn, table)).tables.find((t) => t.name === table),
    query: (sql, params) => conn.query(sql, params),
  };
}

/** Optional hooks around each statement of a revision. */
export interface StatementHooks {
  /**
   * Runs once each statement has completed, before the next one starts (the journal of databases
   * whose DDL is not transactional).
   */
  afterStatement?: (index: number, sql: string) => Promise<void>;
  /** Wraps each statement's execution (`dihya test --trace` reads locks around it). */
  aroundStatement?: (statement: Statement, run: () => Promise<void>) => Promise<void>;
}

/**
 * Renders each operation just before it runs, so a SQLite rebuild sees the table as the previous
 * operations left it. A failing statement becomes a StatementFailedError that names the revision,
 * the statement and the database's message, with bound values removed from that message. A
 * statement that cannot run in a transaction (`transactional: false`, or raw SQL such as CREATE
 * INDEX CONCURRENTLY on PostgreSQL) goes through `onOutsideTransaction`, which steps out of the
 * revision's transaction to run it.
 */
export async function executeOperations(
  conn: Connection,
  dialect: Dialect,
  revision: string,
  operations: readonly Operation[],
  onOutsideTransaction: (run: () => Promise<void>, statement: Statement, index: number) => Promise<void>,
  hooks: StatementHooks = {},
): Promise<number> {
  const ctx = renderContext(conn, dialect);
  let index = 0;
  for (const operation of operations) {
    let statements: Iterable<Statement> | AsyncIterable<Statement>;
    try {
      // Pseudonyms need the key this process holds, so they are computed here, batch by batch.
      statements = operation.kind === 'anonymizeColumn' && operation.strategy === 'pseudonymize'
        ? pseudonymizeStatements(conn, dialect, operation)
        : await dialect.render(operation, ctx);
    } catch (e) {
      throw failure(revision, index, `${operation.kind} on ${describeTarget(operation)}`, e, undefined);
    }
    for await (const statement of statements) {
      const run = async () => {
        await conn.query(statement.sql, statement.params);
      };
      const at = index;
      const execute = runsOutsideTransaction(dialect, statement) ? () => onOutsideTransaction(run, statement, at) : run;
      try {
        if (hooks.aroundStatement) await hooks.aroundStatement(statement, execute);
        else await execute();
      } catch (e) {
        throw failure(revision, index, statement.sql, e, statement.params);
      }
      await hooks.afterStatement?.(index, statement.sql);
      index++;
    }
  }
  return index;
}

function describeTarget(op: Operation): string {
  if ('table' in op && op.table) return op.table;
  if ('name' in op) return String(op.name);
  return op.kind;
}

function failure(revision: string, index: number, sql: string, e: unknown, params: readonly unknown[] | undefined): StatementFailedError {
  const message = e instanceof DihyaError || e instanceof Error ? e.message : String(e);
  return new StatementFailedError(revision, index, sql, redactValues(message.split('\n')[0]!, params), false);
}
