import type { ParsedStatement, StatementReader } from './parsed-statement.js';
import { changesOfPgStatement } from './pg-statement-changes.js';

let loading: Promise<StatementReader> | undefined;

/**
 * PostgreSQL's own parser (libpg_query compiled to WebAssembly), loaded on first use so a project
 * with no raw SQL never pays for it.
 *
 * @example
 * const read = await postgresReader();
 * read('ALTER TABLE users DROP COLUMN email'); // { ok: true, changes: [{ kind: 'dropColumn', … }] }
 */
export function postgresReader(): Promise<StatementReader> {
  loading ??= (async () => {
    const pg = await import('libpg-query');
    await pg.loadModule();
    return (sql: string): ParsedStatement => {
      let tree;
      try {
        tree = pg.parseSync(sql);
      } catch (e) {
        const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
        const message = details?.message ?? (e as Error).message;
        return { ok: false, message, ...(details?.cursorPosition !== undefined ? { offset: details.cursorPosition } : {}) };
      }
      return { ok: true, changes: (tree.stmts ?? []).flatMap((s) => (s.stmt ? changesOfPgStatement(s.stmt) : [])) };
    };
  })();
  return loading;
}
