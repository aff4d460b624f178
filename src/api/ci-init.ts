import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DihyaError, UsageError } from '../core/errors.js';
import { Project } from './project.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** CI systems `dihya ci init` can write a pipeline for. */
export const CI_PROVIDERS = ['github'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

interface ServiceContainer {
  image: string;
  port: number;
  env: Array<[string, string]>;
  health: string;
}

// The verify job's throwaway database: no password, so the workflow holds no credential at all.
const CI_DATABASES: Record<string, { url: string; service?: ServiceContainer }> = {
  sqlite: { url: 'sqlite:./dihya-ci.db' },
  pglite: { url: 'pglite:./dihya-ci-pgdata' },
  postgres: {
    url: 'postgres://postgres@127.0.0.1:5432/postgres',
    service: {
      image: 'postgres:16', port: 5432, env: [['POSTGRES_HOST_AUTH_METHOD', 'trust']],
      health: '--health-cmd "pg_isready -U postgres" --health-interval 5s --health-timeout 5s --health-retries 10',
    },
  },
  mysql: {
    url: 'mysql://root@127.0.0.1:3306/dihya_ci',
    service: {
      image: 'mysql:8.4', port: 3306, env: [['MYSQL_ALLOW_EMPTY_PASSWORD', "'yes'"], ['MYSQL_DATABASE', 'dihya_ci']],
      health: '--health-cmd "mysqladmin ping -h 127.0.0.1" --health-interval 5s --health-timeout 5s --health-retries 20',
    },
  },
};

/**
 * Where `ciInit` writes the workflow of `provider`; throws `USAGE` for an unknown provider and
 * `INIT_EXISTS` when the file is already there, so `init --ci` can refuse before writing anything.
 */
export function ciWorkflowFile(provider: string): string {
  if (!(CI_PROVIDERS as readonly string[]).includes(provider)) {
    throw new UsageError(`unknown CI provider '${provider}'; use ${CI_PROVIDERS.join(', ')}`);
  }
  const file = join(process.cwd(), '.github', 'workflows', 'dihya.yml');
  if (existsSync(file)) throw new DihyaError('INIT_EXISTS', `${file} already exists; nothing was written (remove it or edit it by hand)`);
  return file;
}

/**
 * Writes the CI pipeline of the project in the current directory (whose migrations folder is `dir`): checks on pull
 * requests, `upgrade --env staging` on main, and a gated production upgrade on a release or a manual
 * run. Refuses (`INIT_EXISTS`) to overwrite a workflow already there.
 *
 * @example await ciInit({ provider: 'github', dir: 'migrations' });
 */
export async function ciInit(options: { provider: string; dir?: string; dialect?: string }): Promise<{ file: string; dialect: string }> {
  const file = ciWorkflowFile(options.provider);
  const dir = resolve(options.dir ?? 'migrations');
  // GitHub reads workflows from the repository root, where the job's commands also run.
  const root = process.cwd();
  const dialect = options.dialect ?? (await Project.open({ dir, env: 'development' })).databaseUrl.kind;
  const db = CI_DATABASES[dialect] ?? CI_DATABASES.sqlite!;
  const rel = relative(root, dir).split('\\').join('/');
  const { Eta } = await import('eta');
  const eta = new Eta({ autoEscape: false, autoTrim: false });
  const text = eta.renderString(readFileSync(join(TEMPLATES, 'github-workflow.yml.eta'), 'utf8'), {
    ciUrl: db.url, service: db.service ?? null, dirFlag: rel === 'migrations' ? '' : ` --dir ${rel}`,
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { flag: 'wx' });
  return { file, dialect };
}
