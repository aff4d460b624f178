/** Where the CLI writes: one JSON document on stdout with --json, readable text otherwise. */
export interface Output {
  readonly json: boolean;
  /** Prints a result: `data` as JSON, or `text()` lines. */
  result(data: unknown, text: () => string | string[]): void;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** A progress or note line on stderr (silent with --json or --quiet). */
  note(line: string): void;
}

export function createOutput(json: boolean, quiet = false, verbose = false): Output {
  return {
    json,
    quiet,
    verbose,
    result(data, text) {
      if (json) {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const t = text();
      const lines = Array.isArray(t) ? t : [t];
      if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    },
    note(line) {
      if (!json && !quiet) process.stderr.write(`${line}\n`);
    },
  };
}

/** A revision id and message on one line. */
export function revisionLine(id: string, message: string, tags: string[] = []): string {
  return `${id}  ${message}${tags.length ? `  (${tags.join(', ')})` : ''}`;
}
