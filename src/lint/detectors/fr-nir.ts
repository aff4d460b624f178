import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';

// The French social security number (NIR): sex (1, 2, or 3/4/7/8 for provisional numbers), year,
// month (01-12, or 20-99 when unknown), department (2 digits, 2A/2B for Corsica, 97x overseas),
// commune and order numbers — 13 characters — then a 2-digit key. A single space may separate the
// printed groups: `2 84 05 2A 004 012 47`.
const NIR =
  /(?<![\w.-])([1-478]) ?(\d{2}) ?(0[1-9]|1[0-2]|[2-9]\d) ?(\d{2}|2[AB]) ?(\d{3}) ?(\d{3}) ?(\d{2})(?![\w]|[.-]\d)/gi;

/**
 * The key is 97 minus the number modulo 97. Corsica predates the letters: 2A and 2B are counted as
 * 19 and 18 and the number reduced by 1,000,000 and 2,000,000, as the official algorithm does.
 */
function hasValidKey(_value: string, match: RegExpExecArray): boolean {
  const [, sex, year, month, department = '', commune, order, key] = match;
  const upper = department.toUpperCase();
  const corsica = upper === '2A' ? 1_000_000 : upper === '2B' ? 2_000_000 : 0;
  const digits = `${sex}${year}${month}${upper === '2A' ? '19' : upper === '2B' ? '18' : upper}${commune}${order}`;
  const number = Number(digits) - corsica;
  return 97 - (number % 97) === Number(key);
}

/** French social security numbers (NIR, "numéro de sécurité sociale") with a valid key. */
export const frNirDetector: Detector = {
  id: 'fr-nir',
  kind: 'personal',
  title: 'French social security number (NIR)',
  find: (text) => collectMatches(text, NIR, hasValidKey),
};
