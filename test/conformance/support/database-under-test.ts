/**
 * One real database per dialect for the conformance suites: operations are applied the way a revision
 * applies them (one transaction, rendered just before running, foreign keys checked before commit),
 * and every test starts from an empty schema.
 */
import { after, afterEach, before, describe } from 'node:test';
import { dialectFor, openConnection } from '../../../src/api/open-database.js';
import { parseDatabaseUrl } from '../../../src/dialects/database-url.js';
import type { Connection, Dialect } from '../../../src/dialects/dialect.js';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';
import { collectOperations, executeOperations } from '../../../src/runner/execute-operations.js';
import type { SchemaModel, TableModel } from '../../../src/schema/schema-model.js';
import { databaseKinds, freshDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.js';

export interface DatabaseUnderTest {
  readonly kind: DatabaseKind;
  readonly dialect: Dialect;
  readonly conn: Connection;
  /** Applies what `fn` records in one transaction, as the runner applies a revision. */
  apply(fn: (op: OperationBuilder) => void): Promise<void>;
  /** The whole introspected schema. */
  schema(): Promise<SchemaModel>;
  /** One introspected table; fails the test when it is missing. */
  table(name: string): Promise<TableModel>;
  /** Runs SQL written with `?` placeholders (turned into `$n` on PostgreSQL) outside any migration. */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` as an application session would: SQLite migration sessions switch foreign keys off,
   * so ON DELETE actions are only seen with them switched back on.
   */
  asApplication(fn: () => Promise<void>): Promise<void>;
}

/** A group of conformance tests, declared once per database kind. */
export type ConformanceSuite = (db: () => DatabaseUnderTest, kind: DatabaseKind) => void;

/**
 * Declares every suite once per available database kind, all on one fresh database of that kind
 * (opening PGlite is the slow part), emptied after each test.
 */
export function conformanceSuites(title: string, suites: readonly ConformanceSuite[]): void {
  for (const kind of databaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let fresh: TestDatabase | undefined;
      let current: DatabaseUnderTest | undefined;
      before(async () => {
        fresh = await freshDatabase(kind);
        current = await open(kind, fresh.url);
      });
      afterEach(async () => {
        if (current) await dropEverything(current);
      });
      after(async () => {
        await current?.conn.close();
        await fresh?.drop();
      });
      const db = () => {
        if (!current) throw new Error(`the ${kind} database did not open`);
        return current;
      };
      for (const suite of suites) suite(db, kind);
    });
  }
}

async function open(kind: DatabaseKind, url: string): Promise<DatabaseUnderTest> {
  const parsed = parseDatabaseUrl(url);
  const dialect = await dialectFor(parsed.kind);
  const conn = await openConnection(parsed, 10_000);
  const db: DatabaseUnderTest = {
    kind,
    dialect,
    conn,
    apply: (fn) => applyInTransaction(conn, dialect, fn),
    schema: () => dialect.introspect(conn),
    async table(name) {
      const found = (await dialect.introspect(conn)).tables.find((t) => t.name === name);
      if (!found) throw new Error(`table ${name} is not in the introspected schema`);
      return found;
    },
    rows: (sql, params = []) => {
      let n = 0;
      return conn.query(sql.replace(/\?/g, () => dialect.placeholder(++n)), params);
    },
    async asApplication(fn) {
      if (kind !== 'sqlite') return fn();
      await conn.exec('PRAGMA foreign_keys = ON');
      try {
        await fn();
      } finally {
        await conn.exec('PRAGMA foreign_keys = OFF');
      }
    },
  };
  return db;
}

async function applyInTransaction(conn: Connection, dialect: Dialect, fn: (op: OperationBuilder) => void): Promise<void> {
  const operations = await collectOperations(fn);
  await conn.begin();
  try {
    await executeOperations(conn, dialect, 'conformance', operations, async (run) => {
      // As the runner does for CREATE INDEX CONCURRENTLY: step out of the transaction, then back in.
      if (conn.inTransaction) await conn.commit();
      await run();
      await conn.begin();
    });
    await dialect.beforeCommit(conn, operations);
    await conn.commit();
  } catch (e) {
    await conn.rollback();
    throw e;
  }
}

async function dropEverything(db: DatabaseUnderTest): Promise<void> {
  if (db.conn.inTransaction) await db.conn.rollback();
  const { tables } = await db.schema();
  if (db.kind === 'sqlite') {
    for (const t of tables) await db.conn.exec(`DROP TABLE ${db.dialect.quoteIdent(t.name)}`);
  } else if (db.kind === 'mysql') {
    // MySQL has no DROP … CASCADE: foreign keys between the tables are switched off while they go.
    if (tables.length > 0) {
      await db.conn.exec(`SET FOREIGN_KEY_CHECKS = 0; DROP TABLE ${tables.map((t) => db.dialect.quoteIdent(t.name)).join(', ')}; SET FOREIGN_KEY_CHECKS = 1`);
    }
  } else {
    if (tables.length > 0) await db.conn.exec(`DROP TABLE ${tables.map((t) => db.dialect.quoteIdent(t.name)).join(', ')} CASCADE`);
    await db.conn.exec('DROP SCHEMA IF EXISTS app CASCADE');
  }
}
