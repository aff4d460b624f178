import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';
import { isReservedHost } from './reserved-host.js';

// The common address syntax (RFC 5322 dot-atoms, no quoted local parts), with a letters-only TLD so
// that `pkg@1.2.3` and `user@10.0.0.1` are left alone.
const ADDRESS =
  /(?:(?<=mailto:)|(?<![A-Za-z0-9._%+\-:]))[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-]|\.[A-Za-z0-9])/dg;

// After `scheme://`, `name@host` is a URL's user and host (`postgres://app@db.internal`) unless a
// password and a second `@` follow: `imap://jeanne.martin@laposte.fr:pw@imap.laposte.fr`.
const USERINFO_REST = /^:[^\s/@'"`]{0,256}@/;

function isPersonalAddress(address: string, match: RegExpExecArray): boolean {
  const domain = match[1] ?? '';
  const end = match.index + address.length;
  if (match.input[match.index - 1] === '/' && !USERINFO_REST.test(match.input.slice(end, end + 300))) return false;
  // `icon@2x.png`: an asset name in the retina convention, not an address.
  if (/^\d+x\./i.test(domain)) return false;
  return !isReservedHost(domain);
}

/**
 * E-mail addresses, except in reserved domains (`example.com`, `.test`, `.invalid`, `localhost`), the
 * user and host of a URL (`postgres://app@db.internal`) and the password and host of one
 * (`…:pw@db.internal`, which the look-behind on `:` skips; `mailto:` is an address).
 */
export const emailDetector: Detector = {
  id: 'email',
  kind: 'personal',
  title: 'e-mail address',
  find: (text) => collectMatches(text, ADDRESS, isPersonalAddress),
};
