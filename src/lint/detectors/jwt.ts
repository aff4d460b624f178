import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';

// `eyJ` is base64url for `{"`: a JWT header is a JSON object. The signature is at least 32 bytes
// for every signing algorithm, hence 16+ characters even for truncated copies.
const TOKEN = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g;

/** The header must decode to a JSON object naming its algorithm, as RFC 7515 requires. */
function hasJoseHeader(token: string): boolean {
  const header = Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    // Not JSON: three dotted base64url parts that are not a token. Nothing to report.
    return false;
  }
  return typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>).alg === 'string';
}

/** JSON Web Tokens (signed bearer tokens, often with personal claims). */
export const jwtDetector: Detector = {
  id: 'jwt',
  kind: 'secret',
  title: 'JSON Web Token',
  find: (text) => collectMatches(text, TOKEN, hasJoseHeader),
};
