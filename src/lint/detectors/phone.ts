import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';

// International numbers: `+`, a country code, then digit groups split by single spaces, dots or
// dashes, with an optional `(0)` or `(area)` group. E.164 caps a number at 15 digits; fewer than 8
// is a short code, a timezone offset (`+0100`) or arithmetic.
// Every group after the first starts with a separator or a bracket, so a digit run splits one way only.
const INTERNATIONAL = /(?<![\w+.])\+[1-9]\d{0,14}(?:(?:[ .-]|[ .-]?\(\d{1,4}\)[ .-]?)\d{1,14})*(?![\w(])(?!\.\d)/g;
// French national numbers: 0, a digit 1-9, then four pairs, all split by the same separator or none
// (`06 12 34 56 78`, `01.23.45.67.89`, `0612345678`). The look-arounds keep digit runs of other
// things (ids, timestamps, hex, UUID groups, dotted versions) out.
const FRENCH = /(?<![\w.+-])0[1-9](?:([ .-]?)\d{2})(?:\1\d{2}){3}(?![\w]|[.-]\d)/g;
// A number whose pairs continue, with the same separator, into more pairs holding a digit is part of
// a byte dump (`<Buffer 00 28 13 de 02 00 …>`), not a telephone number. Pairs of letters (`de`) are
// left out: French text puts words such as « de » right after numbers.
const BYTE_BEFORE = /(?:^|[^0-9a-f])(?:\d[0-9a-f]|[a-f]\d)([ .-])$/i;
const BYTE_AFTER = /^([ .-])(?:\d[0-9a-f]|[a-f]\d)(?![0-9a-z])/i;

function insideByteDump(text: string, match: RegExpExecArray): boolean {
  const separator = match[1];
  if (!separator) return false;
  const end = match.index + match[0].length;
  const before = BYTE_BEFORE.exec(text.slice(Math.max(0, match.index - 4), match.index));
  const after = BYTE_AFTER.exec(text.slice(end, end + 4));
  return before?.[1] === separator || after?.[1] === separator;
}

function hasPhoneLength(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

/** Telephone numbers in international (`+33 6 12 34 56 78`) or French national (`06 12 34 56 78`) form. */
export const phoneDetector: Detector = {
  id: 'phone',
  kind: 'personal',
  title: 'telephone number',
  find: (text) => [
    ...collectMatches(text, INTERNATIONAL, hasPhoneLength),
    ...collectMatches(text, FRENCH, (_value, match) => !insideByteDump(text, match)),
  ],
};
