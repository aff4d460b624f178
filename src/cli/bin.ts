import { readFileSync } from 'node:fs';

/**
 * What the `dihya` executable does: `--version` is answered before anything else is loaded, so it
 * stays instant; everything else goes through `main`, and the process ends with its exit status.
 */
export async function runBin(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  const { main } = await import('./main.js');
  const code = await main(argv);
  // Let stdout drain first (large --json or --sql output through a pipe), then end even if a
  // driver left a handle open.
  process.exitCode = code;
  setImmediate(() => process.exit(code));
}
