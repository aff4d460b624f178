/** Turns offsets of a text into 1-based lines and columns. */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.#starts.push(i + 1);
  }

  /** The 1-based line and column of a 0-based offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.#starts[lo]! + 1 };
  }

  /** The 0-based offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.#starts[Math.min(Math.max(line, 1), this.#starts.length) - 1]!;
  }

  /** The text of a 1-based line, without its line break. */
  line(line: number): string {
    const start = this.lineStart(line);
    const end = line < this.#starts.length ? this.#starts[line]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.#starts.length;
  }
}
