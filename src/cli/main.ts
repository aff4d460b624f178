import { Command, CommanderError, Option } from 'commander';
import { DihyaError } from '../core/errors.js';
import { toolVersion } from '../api/tool-version.js';
import { painter } from './colors.js';
import { withCommonOptions } from './common-options.js';
import { examplesText } from './help-examples.js';
import { exitCodeFor, EXIT } from './exit-codes.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Builds the `dihya` program. Each action loads its command module only when it runs. */
function program(run: (fn: () => Promise<number>) => Promise<void>): Command {
  // Set before any subcommand is added: commander copies these settings into each subcommand, so a
  // bad option on `dihya upgrade` is reported and mapped to exit 2 like one on `dihya` itself.
  const p = new Command('dihya')
    .description('Database schema evolution: a revision graph, rollback on error, an audit trail, GDPR built in.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`${usageLine(text)}\n`) });

  withCommonOptions(p.command('init').description('scaffold a migrations folder'))
    .addOption(new Option('--dialect <name>', 'the database kind').choices(['sqlite', 'postgres', 'pglite', 'mysql']).default('sqlite'))
    .addOption(new Option('--ci <provider>', 'also write a CI workflow (.github/workflows/dihya.yml)').choices(['github']))
    .action((o) => run(async () => (await import('./commands/init.js')).initCommand(o)));
  withCommonOptions(p.command('ci').description('write the CI workflow of an existing project: `ci init github`').argument('<action>').argument('[provider]'))
    .action((action, provider, o) => run(async () => (await import('./commands/ci.js')).ciCommand(action, provider, o)));

  withCommonOptions(p.command('revision').description('write a new revision file on top of the current head'))
    .requiredOption('-m, --message <text>', 'what the revision changes')
    .option('--sql', 'write a .sql revision instead of .ts')
    .option('--head <rev>', "the revision to build on ('base' starts a new root)")
    .option('--branch-label <label>', 'a branch label (repeatable)', collect)
    .option('--depends-on <rev>', 'a revision on another branch this one needs (repeatable)', collect)
    .option('--autogenerate', 'write up() and down() from the difference between the database at head and the declared schema')
    .action((o) => run(async () => (await import('./commands/revision.js')).revisionCommand(o)));

  for (const [name, direction] of [['upgrade', 'up'], ['downgrade', 'down']] as const) {
    const cmd = withCommonOptions(p.command(name).description(direction === 'up' ? 'apply revisions up to TARGET (default: heads)' : 'revert revisions down to TARGET'))
      .argument(direction === 'up' ? '[target]' : '<target>', 'head, heads, base, +N, -N, REV, REV+N, label@head; with --sql also START:TARGET')
      .option('--sql', 'print the SQL instead of running it (offline mode)')
      .option('--transaction <mode>', "'per-revision' (default) or 'all'")
      .option('--allow-changed', 'run even if an applied revision file was changed');
    if (direction === 'up') cmd.option('--require-applied-in <env>', 'refuse (exit 3) revisions that environment has not applied with the same checksum');
    cmd.action((target, o) => run(async () => (await import('./commands/upgrade.js')).migrateCommand(direction, target, o)));
  }

  withCommonOptions(p.command('current').description('show the revisions the database is at'))
    .action((o) => run(async () => (await import('./commands/current.js')).currentCommand('current', o)));
  withCommonOptions(p.command('heads').description('show the heads of the revision graph'))
    .action((o) => run(async () => (await import('./commands/current.js')).currentCommand('heads', o)));
  withCommonOptions(p.command('branches').description('show branch points'))
    .action((o) => run(async () => (await import('./commands/branches.js')).branchesCommand(o)));
  withCommonOptions(p.command('history').description('list revisions, base first, with what is applied'))
    .option('-r, --rev <range>', 'a range A:B (e.g. base:head, ae10:, :-2)')
    .action((o) => run(async () => (await import('./commands/history.js')).historyCommand(o)));
  withCommonOptions(p.command('show').description('show one revision').argument('<rev>'))
    .action((rev, o) => run(async () => (await import('./commands/show.js')).showCommand(rev, o)));
  withCommonOptions(p.command('merge').description('write a merge revision joining REVs (or heads)').argument('<revs...>'))
    .requiredOption('-m, --message <text>', 'what the merge is for')
    .action((revs, o) => run(async () => (await import('./commands/merge.js')).mergeCommand(revs, o)));
  withCommonOptions(p.command('stamp').description('set the version without running migrations (audited)').argument('<target>'))
    .action((target, o) => run(async () => (await import('./commands/stamp.js')).stampCommand(target, o)));
  withCommonOptions(p.command('resolve').description('settle a revision a failure left half-applied (MySQL/MariaDB), as rolled back or applied (audited)').argument('<rev>'))
    .option('--rolled-back', 'its completed statements were undone: the revision counts as not run')
    .option('--applied', 'it was finished by hand: the revision counts as run')
    .action((rev, o) => run(async () => (await import('./commands/resolve.js')).resolveCommand(rev, o)));
  p.command('status').description('each revision and where it is applied, per environment (repeat --env)')
    .option('--dir <path>', 'the migrations folder', 'migrations')
    .option('--url <url>', 'database URL of the single environment shown')
    .option('--env <name>', 'an environment from env.ts (repeatable; default: DIHYA_ENV, else development)', collect)
    .option('--json', 'print one JSON document on stdout')
    .option('-q, --quiet', 'print only results')
    .action((o) => run(async () => (await import('./commands/status.js')).statusCommand(o)));
  withCommonOptions(p.command('lint').description('check revisions for unsafe schema changes, unreadable SQL, missing texts and secrets (exit 3 on an error)').argument('[rev]', 'REV, or a range A:B as `history -r` reads it; default: every revision'))
    .addOption(new Option('--format <format>', 'text, json, or sarif for GitHub code scanning').choices(['text', 'json', 'sarif']))
    .option('--dialect <name>', 'lint for postgres, mysql or sqlite (repeatable; default: env.ts lint.dialects, else the database of --env)', collect)
    .action((rev, o) => run(async () => (await import('./commands/lint.js')).lintCommand(rev, o)));
  withCommonOptions(p.command('validate').description('check that applied revision files are unchanged'))
    .action((o) => run(async () => (await import('./commands/validate.js')).validateCommand(o)));
  withCommonOptions(p.command('test').description('walk every revision on a throwaway database: upgrade, downgrade to the same schema, upgrade again, with data tests'))
    .option('--trace', 'PostgreSQL/PGlite: record the locks each statement takes and the tables it rewrites')
    .action((o) => run(async () => (await import('./commands/test.js')).testCommand(o)));
  withCommonOptions(p.command('audit').description('list the audit trail, or `audit verify` its hash chain').argument('[action]'))
    .option('--since <iso>', 'only events from this date on')
    .action((action, o) => run(async () => (await import('./commands/audit.js')).auditCommand(action, o)));
  withCommonOptions(p.command('check').description('for CI: exit 3 on unapplied revisions or a database that differs from the declared schema'))
    .action((o) => run(async () => (await import('./commands/check.js')).checkCommand(o)));
  withCommonOptions(p.command('drift').description('compare the database with what its applied revisions make, on a throwaway database'))
    .action((o) => run(async () => (await import('./commands/drift.js')).driftCommand(o)));
  withCommonOptions(p.command('schema').description('`schema dump`: write the live schema out (ts: a declared schema, sql, json)').argument('<action>'))
    .addOption(new Option('--format <format>', 'output format').choices(['ts', 'sql', 'json']).default('ts'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action((action, o) => run(async () => (await import('./commands/schema.js')).schemaCommand(action, o)));
  withCommonOptions(p.command('docs').description('write the migrations register (Markdown) and an HTML page with the revision graph'))
    .option('--out <dir>', 'the output folder (default: docs inside the migrations folder)')
    .action((o) => run(async () => (await import('./commands/docs.js')).docsCommand(o)));
  withCommonOptions(p.command('gdpr').description('`gdpr map`: the personal-data inventory and each table\'s path to the subject; `gdpr scan`: personal data the map does not declare (exit 3)').argument('<action>', 'map, scan, export (a subject\'s data) or erase (a subject, exit 3 if data remains)'))
    .addOption(new Option('--format <format>', 'map: text, json, or markdown (a GDPR Art. 30 record of processing); export: json or csv').choices(['text', 'json', 'markdown', 'csv']))
    .option('--sample <rows>', 'scan: rows read per table at most (default 200; 0 checks names only)')
    .option('--subject <id>', 'export, erase: the subject\'s id (the subject table\'s identifying column)')
    .option('--out <path>', 'export: write the export to this file instead of stdout')
    .option('--dry-run', 'erase: print the plan with row counts and change nothing')
    .option('--receipt <path>', 'export, erase: the receipt file (default: gdpr-receipts/<requestId>.json beside the migrations folder)')
    .option('--subjects-file <path>', 'erase: the subjects of a text file, one id per line (# comments), in batches')
    .option('--batch-size <n>', 'erase --subjects-file, purge, replay: subjects per transaction (default 500)')
    .option('--since <iso>', 'replay: the restored backup\'s time; erasures since then are applied again')
    .option('--receipts <path>', 'replay: the receipt files to read (default: gdpr-receipts beside the migrations folder)')
    .option('--from-env <name>', 'replay: read the erasures from that environment\'s audit trail instead of receipt files')
    .action((action, o) => run(async () => (await import('./commands/gdpr.js')).gdprCommand(action, o)));
  for (const cmd of p.commands) cmd.addHelpText('after', examplesText(cmd.name()));
  return p;
}

/** Runs the CLI and returns the exit status. Errors become one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.ok;
  const json = argv.includes('--json');
  const run = async (fn: () => Promise<number>) => {
    try {
      status = await fn();
    } catch (e) {
      status = report(e, json);
    }
  };
  const p = program(run);
  try {
    await p.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: e.message.replace(/^error: /, '') } })}\n`);
      return EXIT.badInput;
    }
    return report(e, json);
  }
  return status;
}

/** Commander's message (and its "did you mean" hint) as the one line every dihya error is. */
function usageLine(text: string): string {
  const line = text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ');
  return `dihya: ${line}; run \`dihya help [command]\` for the commands and their options`;
}

function report(e: unknown, json: boolean): number {
  if (e instanceof DihyaError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message } })}\n`);
    process.stderr.write(`${painter(process.stderr)('red', 'dihya:')} ${e.message}\n`);
    return exitCodeFor(e.code);
  }
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'INTERNAL', message } })}\n`);
  process.stderr.write(`dihya: unexpected error: ${message}${process.env.DIHYA_DEBUG ? `\n${(e as Error).stack}` : ' (set DIHYA_DEBUG=1 for details)'}\n`);
  return EXIT.failure;
}
