import type { ValueClassification } from './detectors/detector.js';
import { detectors } from './detectors/index.js';

const personalDetectors = detectors.filter((detector) => detector.kind === 'personal');

/**
 * Says whether one value (a database cell, sampled by the GDPR scan) is, as a whole, personal data
 * that a detector recognises: an e-mail address, a telephone number, an IBAN, a card number, a NIR.
 * Surrounding whitespace is ignored; a value that merely contains such data among other text is not
 * classified. The value itself is never part of the answer.
 *
 * @example
 * ```ts
 * classifyValue('jeanne.martin@laposte.fr'); // { detector: 'email', kind: 'personal' }
 * classifyValue('Hello'); // undefined
 * ```
 */
export function classifyValue(value: string): ValueClassification | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  for (const detector of personalDetectors) {
    if (detector.find(trimmed).some((match) => match.start === 0 && match.end === trimmed.length)) {
      return { detector: detector.id, kind: detector.kind };
    }
  }
  return undefined;
}
