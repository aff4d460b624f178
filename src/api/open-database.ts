import { existsSync } from 'node:fs';
import type { Connection, Dialect } from '../dialects/dialect.js';
import type { DatabaseUrl } from '../dialects/database-url.js';

/** The dialect for a URL kind, loaded on demand so SQLite users never load `pg` or `mysql2`. */
export async function dialectFor(kind: DatabaseUrl['kind']): Promise<Dialect> {
  if (kind === 'sqlite') return (await import('../dialects/sqlite/sqlite-dialect.js')).sqliteDialect;
  if (kind === 'mysql') return (await import('../dialects/mysql/mysql-dialect.js')).mysqlDialect;
  return (await import('../dialects/postgres/postgres-dialect.js')).postgresDialect;
}

/** Opens a session on the database of `url`, loading only that driver. */
export async function openConnection(url: DatabaseUrl, lockWaitMs: number): Promise<Connection> {
  switch (url.kind) {
    case 'sqlite': {
      const { SqliteConnection } = await import('../dialects/sqlite/sqlite-driver.js');
      return SqliteConnection.open(url.file, lockWaitMs);
    }
    case 'pglite': {
      const { PgliteConnection } = await import('../dialects/postgres/pglite-driver.js');
      return PgliteConnection.open(url.dir, lockWaitMs);
    }
    case 'postgres': {
      const { PostgresConnection } = await import('../dialects/postgres/postgres-driver.js');
      return PostgresConnection.open(url.connectionString, url.text);
    }
    case 'mysql': {
      const { MysqlConnection } = await import('../dialects/mysql/mysql-driver.js');
      return MysqlConnection.open(url.connectionString, url.text);
    }
  }
}

/** True when the database surely has no bookkeeping yet and must not be created by a read. */
export function isMissingEmbeddedDatabase(url: DatabaseUrl): boolean {
  if (url.kind === 'sqlite') return url.file !== ':memory:' && !existsSync(url.file);
  if (url.kind === 'pglite') return url.dir !== null && !existsSync(url.dir);
  return false;
}
