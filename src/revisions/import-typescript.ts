import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileChecksum, sha256 } from '../core/hashing.js';

/** Where compiled bundles are kept: the project's node_modules/.cache, else the system temp dir. */
export function cacheDirFor(projectDir: string): string {
  let dir = resolve(projectDir);
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'dihya-migrate');
    const parent = dirname(dir);
    if (parent === dir) return join(tmpdir(), 'dihya-migrate-cache', sha256(resolve(projectDir)).slice(0, 16));
    dir = parent;
  }
}

interface Manifest {
  readonly bundle: string;
  readonly inputs: Record<string, string>;
  /** What the caller learnt from the bundle's exports, kept while the bundle is current (see {@link cachedMeta}). */
  readonly meta?: unknown;
}

/** Thrown when a TypeScript file does not compile; names the file and line. */
export class CompileError extends Error {
  constructor(readonly file: string, readonly line: number, readonly detail: string) {
    super(`${file}:${line}: ${detail}`);
  }
}

/** A module of the running tool itself (`index` is the whole library, `authoring` its define helpers). */
function selfModule(name: 'index' | 'authoring'): string {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  return pathToFileURL(join(dirname(here), '..', `${name}${ext}`)).href;
}

/** The names `authoring` exports: a bundle whose files import only these gets the light module. */
const AUTHORING = ['defineConfig', 'defineMigration', 'defineSchema', 'defineRevisionTest'];

/**
 * How `dihya-migrate` resolves in user files. `light`: a virtual module re-exporting the authoring
 * names, so esbuild itself refuses (with "No matching export") a file that imports anything else;
 * the build is then made again against the whole library.
 */
function selfPlugin(light: boolean): import('esbuild').Plugin {
  return {
    name: 'dihya-migrate',
    setup(b) {
      if (!light) {
        b.onResolve({ filter: /^dihya-migrate$/ }, () => ({ path: selfModule('index'), external: true }));
        return;
      }
      b.onResolve({ filter: /^dihya-migrate$/ }, () => ({ path: 'dihya-migrate', namespace: 'dihya-authoring' }));
      b.onLoad({ filter: /.*/, namespace: 'dihya-authoring' }, () => ({
        contents: `export { ${AUTHORING.join(', ')} } from ${JSON.stringify(selfModule('authoring'))};`,
        loader: 'js',
      }));
    },
  };
}

const NO_MATCHING_EXPORT = /No matching export in "dihya-authoring:/;

type BuildMessage = { text: string; location?: { file: string; line: number } | null };

/**
 * Compiles TypeScript files into one cached ES module and imports it. `entry` is the source of a
 * virtual entry module (resolved from `resolveDir`). The bundle is reused while none of the files
 * it was built from changed, so a no-op command pays for reading and hashing, not compiling.
 * Each revision is reached through a dynamic import, which esbuild turns into a lazy initialiser,
 * so an error at one file's top level is reported for that file alone.
 */
export async function importTypeScript<T>(
  name: string,
  entry: string,
  resolveDir: string,
  cacheDir: string,
  /** Checksums the caller has already computed (`fileChecksum`), to avoid reading files twice. */
  known: ReadonlyMap<string, string> = new Map(),
): Promise<T> {
  const manifestPath = join(cacheDir, `${name}.json`);
  const entryHash = sha256(entry);
  const cached = currentManifest(manifestPath, entryHash, known);
  if (cached) return (await import(pathToFileURL(join(cacheDir, cached.bundle)).href)) as T;
  const esbuild = await import('esbuild');
  const build = (light: boolean) => esbuild.build({
    stdin: { contents: entry, resolveDir, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      selfPlugin(light),
      {
        name: 'externals',
        setup(b) {
          b.onResolve({ filter: /^[^./]|^\.[^./]/ }, (args) => (args.path.startsWith('/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  let result;
  try {
    result = await build(true).catch(async (e: { errors?: BuildMessage[] }) => {
      const missing = (e.errors ?? []).filter((x) => NO_MATCHING_EXPORT.test(x.text));
      if (!missing.length || missing.length !== e.errors?.length) throw e;
      // Names beyond the define helpers: the whole library must export each one, or the file is wrong.
      const library = new Set(Object.keys(await import(selfModule('index'))));
      const unknown = missing.find((x) => !library.has(/for import "([^"]+)"/.exec(x.text)?.[1] ?? ''));
      if (unknown) {
        const imported = /for import "([^"]+)"/.exec(unknown.text)?.[1];
        throw new CompileError(unknown.location?.file ?? name, unknown.location?.line ?? 0, `'dihya-migrate' has no export named '${imported}'; check the name`);
      }
      return build(false);
    });
  } catch (e) {
    const first = (e as { errors?: Array<{ text: string; location?: { file: string; line: number } }> }).errors?.[0];
    if (first) throw new CompileError(first.location?.file ?? name, first.location?.line ?? 0, first.text);
    throw e;
  }
  const code = result.outputFiles[0]!.text;
  const inputs: Record<string, string> = { '<entry>': entryHash };
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes('node_modules') || input.endsWith('-entry.ts') || input.startsWith('dihya-authoring:')) continue;
    const abs = resolve(input);
    inputs[abs] = known.get(abs) ?? fileChecksum(readFileSync(abs));
  }
  const bundle = `${name}-${sha256(code).slice(0, 16)}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  for (const old of readdirSync(cacheDir)) {
    if (old.startsWith(`${name}-`) && (old.endsWith('.mjs') || old.endsWith('.tmp')) && old !== bundle && !old.includes('.mjs.')) rmSync(join(cacheDir, old), { force: true });
  }
  // Written aside and renamed, so a concurrent run never imports a half-written file.
  writeAtomic(join(cacheDir, bundle), code);
  writeAtomic(manifestPath, JSON.stringify({ bundle, inputs } satisfies Manifest));
  return (await import(pathToFileURL(join(cacheDir, bundle)).href)) as T;
}

/** The manifest, when its bundle was built from exactly these inputs and is still there. */
function currentManifest(manifestPath: string, entryHash: string, known: ReadonlyMap<string, string>): Manifest | undefined {
  const cached = readManifest(manifestPath);
  if (!cached || cached.inputs['<entry>'] !== entryHash || !inputsUnchanged(cached.inputs, known)) return undefined;
  return existsSync(join(dirname(manifestPath), cached.bundle)) ? cached : undefined;
}

/**
 * What {@link keepMeta} stored beside the bundle of `name`, while that bundle is current for
 * `entry` and the files it was built from: a caller that only needs what the modules declare
 * (revision ids and parents for a no-op upgrade) need not import the bundle at all.
 */
export function cachedMeta<M>(name: string, entry: string, cacheDir: string, known: ReadonlyMap<string, string>): M | undefined {
  return currentManifest(join(cacheDir, `${name}.json`), sha256(entry), known)?.meta as M | undefined;
}

/** Stores `meta` with the current bundle of `name` (after {@link importTypeScript} imported it). */
export function keepMeta(name: string, entry: string, cacheDir: string, known: ReadonlyMap<string, string>, meta: unknown): void {
  const manifestPath = join(cacheDir, `${name}.json`);
  const cached = currentManifest(manifestPath, sha256(entry), known);
  if (cached) writeAtomic(manifestPath, JSON.stringify({ ...cached, meta } satisfies Manifest));
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function inputsUnchanged(inputs: Record<string, string>, known: ReadonlyMap<string, string>): boolean {
  for (const [file, hash] of Object.entries(inputs)) {
    if (file === '<entry>') continue;
    try {
      if ((known.get(file) ?? fileChecksum(readFileSync(file))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
