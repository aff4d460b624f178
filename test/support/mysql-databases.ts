/**
 * MySQL/MariaDB for the test suites, when DIHYA_TEST_MYSQL_URL names a server: each fresh database
 * is a CREATE DATABASE on it, dropped after; reads go through mysql2 as an application would.
 */
import { spawnSync } from 'node:child_process';
import mysql from 'mysql2/promise';

/** The server's URL, e.g. mysql://root@127.0.0.1:3306/test. */
export const MYSQL_TEST_URL = process.env.DIHYA_TEST_MYSQL_URL;

let counter = 0;

function options(url: string) {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    timezone: 'Z' as const,
    supportBigNumbers: true,
    multipleStatements: true,
  };
}

/** A new empty database on the server, and how to drop it. */
export async function freshMysqlDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = MYSQL_TEST_URL!;
  const name = `dihya_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withMysql(admin, (q) => q(`CREATE DATABASE \`${name}\``));
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => withMysql(admin, (q) => q(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined) };
}

/** Runs `fn` with one connection; `?` placeholders. */
export async function withMysql<T>(url: string, fn: (query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection(options(url));
  try {
    await conn.query("SET time_zone = '+00:00'");
    return await fn(async <R>(sql: string, params: unknown[] = []) => {
      const [rows] = await conn.query(sql, params);
      return (Array.isArray(rows) ? rows : []) as R[];
    });
  } finally {
    await conn.end();
  }
}

/** The tables of the URL's database, bookkeeping included. */
export const MYSQL_TABLES_SQL = 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME';

/** Applies a script with the `mariadb` command-line client, as a DBA would; throws with its error. */
export function runMysqlScript(url: string, script: string): void {
  const o = options(url);
  const args = ['-h', o.host, '-P', String(o.port), '-u', o.user, ...(o.password ? [`-p${o.password}`] : []), o.database ?? ''];
  const r = spawnSync('mariadb', args, { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb failed (${r.status}): ${r.stderr}`);
}
