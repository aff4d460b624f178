import type { RevisionBody, RevisionMeta } from '../revisions/revision.js';

/** A revision as the linter reads it: its header, its file's text and, for TypeScript, its functions. */
export interface RevisionSource {
  readonly meta: RevisionMeta;
  readonly format: 'ts' | 'sql';
  readonly hasDown: boolean;
  /** The file as reports show it (relative to the working directory, `/` separators). */
  readonly file: string;
  readonly text: string;
  /** The loaded `up`/`down` of a TypeScript revision; SQL revisions are read from `text`. */
  readonly body?: RevisionBody;
  /** The name a data test of this revision has (`<revision file without extension>.data-test.ts`). */
  readonly dataTestFile: string;
  /** That data test sits beside the file. */
  readonly hasDataTest: boolean;
}

/** A file that is not a revision but is linted too: env.ts, the revision templates. */
export interface ProjectFile {
  readonly file: string;
  readonly text: string;
}
