import type { Command } from 'commander';
import { Project } from '../api/project.js';
import { createOutput, type Output } from './output.js';

/** The options every command takes. */
export interface CommonOptions {
  dir?: string;
  url?: string;
  env?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--dir <path>', 'the migrations folder', 'migrations')
    .option('--url <url>', 'database URL (overrides env.ts, DIHYA_<ENV>_URL and DATABASE_URL)')
    .option('--env <name>', 'environment from env.ts (default: DIHYA_ENV, else development)')
    .option('--json', 'print one JSON document on stdout')
    .option('-q, --quiet', 'print only results')
    .option('-v, --verbose', 'also print each step as it starts');
}

export async function openProject(o: CommonOptions): Promise<{ project: Project; out: Output }> {
  const out = createOutput(Boolean(o.json), Boolean(o.quiet), Boolean(o.verbose));
  const project = await Project.open({ dir: o.dir, url: o.url, env: o.env });
  return { project, out };
}
