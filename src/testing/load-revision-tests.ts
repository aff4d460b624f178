import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { RevisionSyntaxError } from '../core/errors.js';
import { fileChecksum } from '../core/hashing.js';
import { CompileError, importTypeScript } from '../revisions/import-typescript.js';
import type { Revision } from '../revisions/revision.js';
import { REVISION_TEST_PHASES, type RevisionTest } from './define-revision-test.js';

/**
 * How a data test file ends. Not `.test.ts`: test runners (Vitest, Jest) collect those by default
 * and would fail on a file that declares no test of theirs.
 */
export const DATA_TEST_SUFFIX = '.data-test.ts';

/** A data test and the revision it belongs to. */
export interface LoadedRevisionTest {
  readonly revision: string;
  /** The file, relative to the working directory, for messages. */
  readonly file: string;
  readonly test: RevisionTest;
}

/**
 * Finds the data tests of `versions/` (`<revision file without extension>.data-test.ts`) and loads
 * them with the compiler revisions go through. A data test without a revision file of that name, or
 * whose default export is not a `defineRevisionTest({ … })`, is an error naming the file.
 */
export async function loadRevisionTests(versionsDir: string, cacheDir: string, revisions: readonly Revision[]): Promise<Map<string, LoadedRevisionTest>> {
  const found = new Map<string, LoadedRevisionTest>();
  if (!existsSync(versionsDir)) return found;
  const files = readdirSync(versionsDir).filter((n) => n.endsWith(DATA_TEST_SUFFIX)).sort();
  if (files.length === 0) return found;
  const byStem = new Map(revisions.map((r) => [basename(r.path).replace(/\.(ts|sql)$/, ''), r]));
  const shown = (abs: string) => relative(process.cwd(), abs) || abs;
  const paths = files.map((name) => {
    const path = resolve(versionsDir, name);
    const revision = byStem.get(name.slice(0, -DATA_TEST_SUFFIX.length));
    if (!revision) {
      const stem = name.slice(0, -DATA_TEST_SUFFIX.length);
      throw new RevisionSyntaxError(shown(path), `no revision file ${stem}.ts or ${stem}.sql beside it; a data test is named after its revision file`);
    }
    return { path, revision: revision.id, checksum: fileChecksum(readFileSync(path)) };
  });
  const entry = `export const modules = {\n${paths.map((f) => `  ${JSON.stringify(f.path)}: () => import(${JSON.stringify(f.path)}),`).join('\n')}\n};\n`;
  let bundle: { modules: Record<string, () => Promise<{ default?: unknown }>> };
  try {
    bundle = await importTypeScript('data-tests', entry, versionsDir, cacheDir, new Map(paths.map((f) => [f.path, f.checksum])));
  } catch (e) {
    if (e instanceof CompileError) throw new RevisionSyntaxError(`${shown(resolve(e.file))}:${e.line}`, e.detail);
    throw e;
  }
  for (const { path, revision } of paths) {
    let mod: { default?: unknown };
    try {
      mod = await bundle.modules[path]!();
    } catch (e) {
      throw new RevisionSyntaxError(shown(path), `fails when loaded: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    found.set(revision, { revision, file: shown(path), test: toRevisionTest(mod.default, shown(path)) });
  }
  return found;
}

function toRevisionTest(value: unknown, file: string): RevisionTest {
  const fail = (why: string): never => {
    throw new RevisionSyntaxError(file, why);
  };
  if (!value || typeof value !== 'object') fail('no default export; export default defineRevisionTest({ before, afterUpgrade, afterDowngrade })');
  const test = value as Record<string, unknown>;
  const known: readonly string[] = REVISION_TEST_PHASES;
  for (const key of Object.keys(test)) {
    if (!known.includes(key)) fail(`unknown phase '${key}'; a data test has ${known.join(', ')}`);
    if (typeof test[key] !== 'function') fail(`'${key}' must be a function of the database`);
  }
  if (Object.keys(test).length === 0) fail(`no phase; give it one of ${known.join(', ')}`);
  return test as RevisionTest;
}
