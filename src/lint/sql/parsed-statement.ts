import type { Change } from '../change.js';

/** One SQL statement as a reader understood it, or why it could not. */
export type ParsedStatement =
  | {
      readonly ok: true;
      readonly changes: readonly Change[];
      /** MySQL's `ALGORITHM=` clause, lower-case. */
      readonly algorithm?: string;
    }
  | {
      readonly ok: false;
      /** The reader's own message (PostgreSQL's parser error, or what the tolerant reader missed). */
      readonly message: string;
      /** 0-based offset in the statement where reading failed, when known. */
      readonly offset?: number;
    };

/** Reads one statement for one dialect. */
export type StatementReader = (sql: string) => ParsedStatement;
