import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';

// 13 to 19 digits, run together or grouped by single spaces or dashes (one kind per number). Groups
// always have a separator between them so that a digit run splits one way only. The look-arounds
// reject digit runs inside longer numbers, identifiers, UUIDs and decimals.
const CANDIDATE = /(?<![\w.,-])(?:\d{13,19}|\d{2,7}([ -])\d{2,7}(?:\1\d{2,7}){0,5})(?![\w]|[.,-]\d)/g;

// Issuer identification ranges with the lengths each network issues (ISO/IEC 7812 and the networks'
// published ranges): Visa, Mastercard, American Express, Discover, JCB, Diners Club, UnionPay,
// Maestro and Mir.
const ISSUERS: readonly { readonly prefix: RegExp; readonly lengths: readonly number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { prefix: /^(?:30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { prefix: /^62/, lengths: [16, 17, 18, 19] },
  { prefix: /^(?:5018|5020|5038|5893|6304|6759|676[1-3])/, lengths: [13, 14, 15, 16, 17, 18, 19] },
  { prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
];

/** The Luhn (mod 10) check every payment card number carries in its last digit. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isCardNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  const issued = ISSUERS.some((issuer) => issuer.prefix.test(digits) && issuer.lengths.includes(digits.length));
  return issued && passesLuhn(digits);
}

/** Payment card numbers (PAN): a known issuer range and length, and a valid Luhn check digit. */
export const cardNumberDetector: Detector = {
  id: 'card-number',
  kind: 'personal',
  title: 'payment card number',
  find: (text) => collectMatches(text, CANDIDATE, isCardNumber),
};
