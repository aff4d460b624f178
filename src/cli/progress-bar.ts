import { painter } from './colors.js';

/**
 * A one-line progress bar on a terminal: count, rate and the revision at work. It draws only on a
 * TTY (never with --json or --quiet, never into a pipe or a CI log), redrawing at most every 50 ms.
 */
export class ProgressBar {
  readonly #stream = process.stderr;
  readonly #paint = painter(process.stderr);
  readonly #started = performance.now();
  #lastDraw = 0;
  #drawn = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  /** Whether a bar can be shown: a terminal, and the user asked for no silence. */
  static wanted(json: boolean, quiet: boolean): boolean {
    return !json && !quiet && Boolean(process.stderr.isTTY);
  }

  update(done: number, current: string): void {
    const now = performance.now();
    if (done < this.total && now - this.#lastDraw < 50) return;
    this.#lastDraw = now;
    const width = 24;
    const filled = this.total === 0 ? width : Math.round((done / this.total) * width);
    const rate = done / Math.max(0.001, (now - this.#started) / 1000);
    const bar = this.#paint('green', '#'.repeat(filled)) + this.#paint('dim', '-'.repeat(width - filled));
    this.#stream.write(`\r\u001b[2K${this.label} [${bar}] ${done}/${this.total}  ${rate.toFixed(1)}/s  ${current}`);
    this.#drawn = true;
  }

  finish(): void {
    if (this.#drawn) this.#stream.write('\n');
    this.#drawn = false;
  }
}
