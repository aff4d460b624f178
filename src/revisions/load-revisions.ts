import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { RevisionSyntaxError } from '../core/errors.js';
import { fileChecksum } from '../core/hashing.js';
import { cachedMeta, CompileError, importTypeScript, keepMeta } from './import-typescript.js';
import type { MigrationFn, Revision, RevisionBody } from './revision.js';
import { parseSqlRevision } from './sql-revision-file.js';

/** True for the files of `versions/` that are revisions (not tests, data tests or declarations). */
export function isRevisionFile(name: string): boolean {
  return (name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') && !name.endsWith('.data-test.ts')) || name.endsWith('.sql');
}

/**
 * Reads every revision file in `versionsDir`. SQL files are parsed here; TypeScript files are
 * compiled once into a cached bundle (see import-typescript.ts) and their default exports read.
 * `splitSql` splits a SQL section into statements for the target dialect.
 */
export async function loadRevisions(versionsDir: string, cacheDir: string, splitSql: (sql: string) => string[]): Promise<Revision[]> {
  if (!existsSync(versionsDir)) {
    throw new RevisionSyntaxError(versionsDir, 'no such folder; run `dihya init` or pass --dir');
  }
  const files = readdirSync(versionsDir).filter(isRevisionFile).sort();
  const shown = (abs: string) => relative(process.cwd(), abs) || abs;
  const revisions: Revision[] = [];
  const tsFiles: Array<{ path: string; checksum: string }> = [];
  for (const name of files) {
    const path = resolve(versionsDir, name);
    const bytes = readFileSync(path);
    const checksum = fileChecksum(bytes);
    if (name.endsWith('.ts')) {
      tsFiles.push({ path, checksum });
      continue;
    }
    const parsed = parseSqlRevision(shown(path), bytes.toString('utf8'));
    const body: RevisionBody = {
      up: sqlSection(parsed.up, splitSql),
      down: parsed.down === null ? undefined : sqlSection(parsed.down, splitSql),
    };
    revisions.push({ ...parsed.meta, path, format: 'sql', checksum, hasDown: parsed.down !== null, load: async () => body });
  }
  if (tsFiles.length > 0) revisions.push(...(await loadTypeScriptRevisions(tsFiles, versionsDir, cacheDir, shown)));
  return revisions;
}

function sqlSection(sql: string, splitSql: (sql: string) => string[]): MigrationFn {
  return (op) => {
    for (const statement of splitSql(sql)) op.execute(statement);
  };
}

/** What a revision file declares besides its functions: kept beside the compiled bundle. */
type DeclaredMeta = Omit<Revision, 'path' | 'format' | 'checksum' | 'load'>;

/**
 * Reads the TypeScript revisions. While none of their files (nor a file they import) changed, what
 * each declares comes from the bundle's manifest and the bundle itself is only imported when a
 * body is needed, so a command that runs nothing (a no-op upgrade, `history`) does not compile,
 * load and run a thousand modules.
 */
async function loadTypeScriptRevisions(
  files: Array<{ path: string; checksum: string }>,
  versionsDir: string,
  cacheDir: string,
  shown: (abs: string) => string,
): Promise<Revision[]> {
  const entry = `export const modules = {\n${files.map((f) => `  ${JSON.stringify(f.path)}: () => import(${JSON.stringify(f.path)}),`).join('\n')}\n};\n`;
  const known = new Map(files.map((f) => [f.path, f.checksum]));
  let bundle: Promise<{ modules: Record<string, () => Promise<{ default?: unknown }>> }> | undefined;
  const exportOf = async (path: string): Promise<unknown> => {
    bundle ??= importTypeScript('revisions', entry, versionsDir, cacheDir, known);
    let modules;
    try {
      modules = (await bundle).modules;
    } catch (e) {
      if (e instanceof CompileError) throw new RevisionSyntaxError(`${shown(resolve(e.file))}:${e.line}`, e.detail);
      throw e;
    }
    try {
      return (await modules[path]!()).default;
    } catch (e) {
      throw new RevisionSyntaxError(shown(path), `fails when loaded: ${(e as Error).message}`, { cause: e });
    }
  };
  const declared = cachedMeta<Record<string, DeclaredMeta>>('revisions', entry, cacheDir, known);
  if (declared && files.every((f) => declared[f.path])) {
    return files.map(({ path, checksum }) => ({
      ...declared[path]!, path, format: 'ts' as const, checksum,
      load: async () => toRevision(await exportOf(path), path, checksum, shown(path)).load(),
    }));
  }
  const out: Revision[] = [];
  for (const { path, checksum } of files) out.push(toRevision(await exportOf(path), path, checksum, shown(path)));
  keepMeta('revisions', entry, cacheDir, known, Object.fromEntries(out.map(({ path, format: _f, checksum: _c, load: _l, ...meta }) => [path, meta])));
  return out;
}

function toRevision(value: unknown, path: string, checksum: string, shownPath: string): Revision {
  const d = value as Record<string, unknown> | undefined;
  const fail = (why: string): never => {
    throw new RevisionSyntaxError(shownPath, why);
  };
  if (!d || typeof d !== 'object') fail('no default export; export default defineMigration({ … })');
  if (typeof d!.revision !== 'string' || d!.revision === '') fail("missing 'revision' (a string id)");
  const down = d!.downRevision;
  if (down === undefined) fail("missing 'downRevision' (null for the first revision)");
  const downRevisions = down === null ? [] : Array.isArray(down) ? down : [down];
  if (!downRevisions.every((x) => typeof x === 'string')) fail("'downRevision' must be a string, an array of strings or null");
  if (typeof d!.up !== 'function') fail("missing 'up' function");
  if (d!.down !== undefined && typeof d!.down !== 'function') fail("'down' must be a function");
  const strings = (k: string) => {
    const v = d![k] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(`'${k}' must be an array of strings`);
    return v as string[];
  };
  const text = (k: string) => (typeof d![k] === 'string' ? (d![k] as string) : '');
  const body: RevisionBody = { up: d!.up as MigrationFn, down: d!.down as MigrationFn | undefined };
  return {
    id: d!.revision as string,
    downRevisions: downRevisions as string[],
    dependsOn: strings('dependsOn'),
    branchLabels: strings('branchLabels'),
    message: text('message'),
    purpose: text('purpose'),
    impact: text('impact'),
    rollback: text('rollback'),
    critical: d!.critical === true,
    phase: d!.phase as Revision['phase'],
    path,
    format: 'ts',
    checksum,
    hasDown: typeof d!.down === 'function',
    load: async () => body,
  };
}
