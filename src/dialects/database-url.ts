import { ConnectionError } from '../core/errors.js';
import { redactUrl } from '../core/redaction.js';

/** A database location, parsed from the URL forms the CLI and env.ts accept. */
export type DatabaseUrl =
  | { readonly kind: 'sqlite'; readonly file: string; readonly text: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly text: string }
  | { readonly kind: 'pglite'; readonly dir: string | null; readonly text: string }
  | { readonly kind: 'mysql'; readonly connectionString: string; readonly text: string };

/**
 * Parses `sqlite:./file.db`, `sqlite::memory:`, `postgres://…` (or `postgresql://`), `pglite:./dir`,
 * `pglite::memory:` and `mysql://…` (or `mariadb://`). `text` is the URL with any password removed,
 * for messages.
 *
 * @example parseDatabaseUrl('sqlite:./dihya.db') // { kind: 'sqlite', file: './dihya.db', … }
 */
export function parseDatabaseUrl(url: string): DatabaseUrl {
  const text = redactUrl(url);
  const bad = (why: string) =>
    new ConnectionError(`bad database URL '${text}': ${why}; use sqlite:./file.db, postgres://user@host:5432/db, mysql://user@host:3306/db or pglite:./dir`, {
      code: 'URL_INVALID',
    });
  if (typeof url !== 'string' || url.trim() === '') throw bad('it is empty');
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw bad('no file after sqlite:');
    return { kind: 'sqlite', file, text };
  }
  if (url.startsWith('pglite:')) {
    const dir = url.slice('pglite:'.length);
    if (dir === '') throw bad('no directory after pglite:');
    return { kind: 'pglite', dir: dir === ':memory:' ? null : dir, text };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const u = new URL(url);
      if (!u.hostname && !u.searchParams.get('host')) throw bad('no host');
    } catch (e) {
      if (e instanceof ConnectionError) throw e;
      throw bad('it is not a valid URL');
    }
    return { kind: 'postgres', connectionString: url, text };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw bad('it is not a valid URL');
    }
    if (!u.hostname) throw bad('no host');
    // MySQL has no default database to fall back on: every bookkeeping table lives in the named one.
    if (u.pathname.length <= 1) throw bad('no database name after the host (mysql://user@host:3306/db)');
    return { kind: 'mysql', connectionString: url, text };
  }
  throw bad('unknown scheme');
}
