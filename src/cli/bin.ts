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
  // Let stdout and stderr drain first (a large --json or --sql output through a pipe is written
  // asynchronously), then end even if a driver left a handle open.
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to the stream so far has been handed to the system. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((done) => {
    stream.write('', () => done());
  });
}
