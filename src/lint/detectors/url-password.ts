import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';
import { isReservedHost } from './reserved-host.js';

// scheme://user:password@host — the user part holds no `:` or `/` but may be an unencoded e-mail
// address; the password runs to the last `@` (an unencoded `/` or `@` would end the authority, so
// neither can be part of it). Quotes and whitespace end the URL because it usually sits in a string.
// Every part is bounded so that long runs of URL-like characters cost linear time.
const URL_WITH_PASSWORD =
  /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/'"`]{0,256}:([^\s/@'"`]{1,256})@(\[[0-9a-fA-F:.]{2,45}\]|[^\s:/?#'"`@]{1,253})/dgi;

/** Environment references in any shell or template syntax: `$PW`, `${PW}`, `%PW%`, `{{ pw }}`, `process.env.PW`. */
function isReference(password: string): boolean {
  return isPlaceholder(password) || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(password) || /^\$\(/.test(password);
}

/** Passwords written into connection URLs (`postgres://app:s3cret@db.internal/app`): the password only. */
export const urlPasswordDetector: Detector = {
  id: 'url-password',
  kind: 'secret',
  title: 'password in a connection URL',
  find: (text) =>
    collectMatches(
      text,
      URL_WITH_PASSWORD,
      (password, match) => !isReference(password) && !isReservedHost(match[2] ?? ''),
      1,
    ),
};
