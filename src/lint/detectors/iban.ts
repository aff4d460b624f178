import type { Detector, DetectorMatch } from './detector.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import { mod97 } from './mod-97.js';

// Where an IBAN may begin: a country code and two check digits at a word start.
const START = /(?<![A-Za-z0-9])([A-Z]{2})(\d{2})/g;

/** ISO 13616 check: move the first four characters to the end, letters to 10–35, remainder 1 mod 97. */
function isValidIban(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

/**
 * Reads exactly `length` characters from `start`, allowing one space between groups of four (the
 * printed form `FR76 3000 6000 …`); undefined when the text there is not an IBAN of that length.
 */
function readIban(text: string, start: number, length: number): { end: number; compact: string } | undefined {
  let compact = '';
  let i = start;
  while (compact.length < length && i < text.length) {
    const char = text[i] as string;
    if (/[A-Z0-9]/.test(char)) {
      compact += char;
      i += 1;
    } else if (char === ' ' && compact.length % 4 === 0 && text[i - 1] !== ' ') {
      i += 1;
    } else {
      return undefined;
    }
  }
  if (compact.length !== length || /[A-Za-z0-9]/.test(text[i] ?? '')) return undefined;
  return { end: i, compact };
}

function findIbans(text: string): DetectorMatch[] {
  const found: DetectorMatch[] = [];
  for (const match of text.matchAll(START)) {
    const length = IBAN_LENGTHS.get(match[1] ?? '');
    if (length === undefined) continue;
    const read = readIban(text, match.index, length);
    if (read && isValidIban(read.compact)) found.push({ start: match.index, end: read.end });
  }
  return found;
}

/** International bank account numbers: registry length for the country and a valid mod-97 check. */
export const ibanDetector: Detector = {
  id: 'iban',
  kind: 'personal',
  title: 'bank account number (IBAN)',
  find: findIbans,
};
