/**
 * The shapes shared by the secret and personal-data detectors, the text scanner and the value
 * classifier. A detector reports offsets, never the matched text, so a sensitive value cannot leak
 * out of this module through a finding.
 */

/** What a detector looks for: a credential (`secret`) or data about a person (`personal`). */
export type DetectorKind = 'secret' | 'personal';

/** Where a detector found something: UTF-16 offsets into the scanned text, `end` exclusive. */
export interface DetectorMatch {
  readonly start: number;
  readonly end: number;
}

/**
 * One kind of secret or personal data.
 *
 * @example
 * ```ts
 * const matches = emailDetector.find('contact: jeanne.martin@laposte.fr'); // [{ start: 9, end: 33 }]
 * ```
 */
export interface Detector {
  /** Stable id, used in findings, rule configuration and SARIF output (`url-password`). */
  readonly id: string;
  readonly kind: DetectorKind;
  /** A short human title (`password in a connection URL`). */
  readonly title: string;
  /** Every occurrence in `text`, in any order; placeholders and reserved example values are left out. */
  find(text: string): DetectorMatch[];
}

/**
 * One finding of `scanText`. Lines and columns are 1-based (columns count UTF-16 code units, as SARIF
 * does by default); `endColumn` is the column just after the last character, on `endLine`.
 */
export interface TextFinding {
  readonly detector: string;
  readonly kind: DetectorKind;
  readonly title: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** At most the first and last two characters, the rest masked (`FR…89`); never the value itself. */
  readonly redacted: string;
}

/** What `classifyValue` found in one value: the detector that matched the whole of it. */
export interface ValueClassification {
  readonly detector: string;
  readonly kind: DetectorKind;
}
