#!/usr/bin/env node
/**
 * The `dihya` command. `--version` is answered before anything else is loaded, so it stays instant.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('./cli/main.js');
  const code = await main(process.argv);
  // Let stdout drain before exiting (large --json or --sql output through a pipe).
  process.exitCode = code;
  setImmediate(() => process.exit(code));
}
