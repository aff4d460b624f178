import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, DihyaError } from '../core/errors.js';
import { createStepLogger, type StepLogger } from '../core/logger.js';
import { parseDatabaseUrl, type DatabaseUrl } from '../dialects/database-url.js';
import type { Connection, Dialect } from '../dialects/dialect.js';
import { cacheDirFor, CompileError, importTypeScript } from '../revisions/import-typescript.js';
import { loadRevisions } from '../revisions/load-revisions.js';
import type { Revision } from '../revisions/revision.js';
import { RevisionGraph } from '../revisions/revision-graph.js';
import type { DihyaConfig } from './config.js';
import { dialectFor, isMissingEmbeddedDatabase, openConnection } from './open-database.js';

/** Where to find the project and which database to use. Every field is optional. */
export interface ProjectOptions {
  /** The migrations folder (default `migrations`). */
  dir?: string;
  /** A database URL that overrides every other source. */
  url?: string;
  /** The environment name (default `DIHYA_ENV`, else `development`). */
  env?: string;
  /**
   * Use the environment's own URL only (`DIHYA_<NAME>_URL`, else env.ts), never `DATABASE_URL`:
   * for a second environment opened beside the chosen one, which `DATABASE_URL` stands for.
   */
  ownUrl?: boolean;
}

const DEFAULT_URL = 'sqlite:./dihya.db';

/**
 * An opened project: its env.ts, its revisions and the database URL for the chosen environment.
 *
 * @example
 * const project = await Project.open({ dir: 'migrations', env: 'staging' });
 * const graph = await project.graph();
 */
export class Project {
  #graph: RevisionGraph<Revision> | undefined;
  #dialect: Dialect | undefined;

  private constructor(
    readonly dir: string,
    readonly config: DihyaConfig,
    readonly environment: string,
    readonly databaseUrl: DatabaseUrl,
  ) {}

  static async open(options: ProjectOptions = {}): Promise<Project> {
    const dir = resolve(options.dir ?? 'migrations');
    const config = await loadConfig(dir);
    const environment = options.env ?? process.env.DIHYA_ENV ?? 'development';
    const url = resolveUrl(config, environment, options.url, options.ownUrl ?? false);
    return new Project(dir, config, environment, parseDatabaseUrl(url));
  }

  get versionsDir(): string {
    return join(this.dir, 'versions');
  }

  get lockWaitMs(): number {
    return this.config.lockWaitMs ?? 60_000;
  }

  async dialect(): Promise<Dialect> {
    this.#dialect ??= await dialectFor(this.databaseUrl.kind);
    return this.#dialect;
  }

  /** The revision graph, validated (duplicates, missing parents, cycles). */
  async graph(): Promise<RevisionGraph<Revision>> {
    if (!this.#graph) {
      const dialect = await this.dialect();
      const revisions = await loadRevisions(this.versionsDir, cacheDirFor(this.dir), (sql) => dialect.splitScript(sql));
      this.#graph = RevisionGraph.build(revisions);
    }
    return this.#graph;
  }

  /** Opens the database. With `readOnly`, an embedded database that does not exist yet is not created. */
  async connect(options: { readOnly?: boolean } = {}): Promise<Connection | null> {
    if (options.readOnly && isMissingEmbeddedDatabase(this.databaseUrl)) return null;
    return openConnection(this.databaseUrl, this.lockWaitMs);
  }

  /**
   * The same project on another database (a throwaway one for `drift` and `test`): same env.ts and
   * revisions, and no step log, so runs there never mix with the real database's log.
   */
  withDatabase(url: DatabaseUrl): Project {
    const other = new Project(this.dir, { ...this.config, log: undefined }, this.environment, url);
    other.#graph = this.#graph;
    other.#silent = true;
    return other;
  }

  #silent = false;

  async logger(): Promise<StepLogger> {
    if (this.#silent) return createStepLogger(undefined);
    return createStepLogger(process.env.DIHYA_LOG_FILE ?? this.config.log?.file, this.config.log?.level);
  }
}

async function loadConfig(dir: string): Promise<DihyaConfig> {
  const file = ['env.ts', 'env.mjs', 'env.js'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) {
    if (!existsSync(dir)) throw new ConfigError(`no migrations folder at ${dir}; run \`dihya init\` or pass --dir`);
    return {};
  }
  let mod: { default?: unknown };
  try {
    mod = await importTypeScript('env', `export { default } from ${JSON.stringify(file)};\n`, dir, cacheDirFor(dir));
  } catch (e) {
    if (e instanceof CompileError) throw new ConfigError(`${e.file}:${e.line}: ${e.detail}`);
    if (e instanceof DihyaError) throw e;
    throw new ConfigError(`${file} fails when loaded: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const config = mod.default ?? {};
  if (typeof config !== 'object' || config === null) throw new ConfigError(`${file} must export default defineConfig({ … })`);
  return config as DihyaConfig;
}

/** `--url` > `DATABASE_URL` > `DIHYA_<ENV>_URL` > env.ts > the embedded SQLite default. */
function resolveUrl(config: DihyaConfig, environment: string, explicit: string | undefined, own: boolean): string {
  if (explicit) return explicit;
  if (process.env.DATABASE_URL && !own) return process.env.DATABASE_URL;
  const variable = `DIHYA_${environment.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
  const fromEnv = process.env[variable];
  if (fromEnv) return fromEnv;
  const environments = config.environments ?? {};
  const named = environments[environment];
  if (named?.url) return named.url;
  // The embedded default serves development when env.ts says nothing about it.
  if (environment === 'development' && !named) return DEFAULT_URL;
  const known = Object.keys(environments);
  throw new ConfigError(
    `environment '${environment}' has no database URL; ` +
      (known.length ? `env.ts defines ${known.join(', ')}` : 'env.ts defines no environments') +
      `, or set ${variable}${own ? '' : ' or pass --url'}`,
  );
}
