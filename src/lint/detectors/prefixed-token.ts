import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';

// Tokens whose vendor put a recognisable prefix on them precisely so that scanners can find them.
// Lengths follow each vendor's published format; a body too short or too long is something else.
const FORMATS = [
  /gh[opsur]_[A-Za-z0-9]{36}/, // GitHub personal, OAuth, app server/user, refresh tokens
  /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/, // GitHub fine-grained personal access token
  /xox[baprs]-[A-Za-z0-9]{8,}(?:-[A-Za-z0-9]{4,})+/, // Slack bot, app, user, refresh tokens
  /(?:sk|rk)_live_[A-Za-z0-9]{20,247}/, // Stripe live secret and restricted keys
  /AIza[A-Za-z0-9_-]{35}/, // Google API key
  /glpat-[A-Za-z0-9_-]{20}/, // GitLab personal access token
  /npm_[A-Za-z0-9]{36}/, // npm access token
  /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, // SendGrid API key
];
const TOKEN = new RegExp(`(?<![A-Za-z0-9_-])(?:${FORMATS.map((f) => f.source).join('|')})(?![A-Za-z0-9_-])`, 'g');

/** A real token body is random: a run of one character or a handful of symbols is a stand-in. */
function looksRandom(token: string): boolean {
  const body = token.replace(/^(?:github_pat_|[A-Za-z]+[_.-](?:live_)?)/, '');
  return new Set(body).size >= 8 && !isPlaceholder(body);
}

/** Vendor tokens with a fixed prefix: GitHub, Slack, Stripe live keys, Google, GitLab, npm, SendGrid. */
export const prefixedTokenDetector: Detector = {
  id: 'prefixed-token',
  kind: 'secret',
  title: 'API token',
  find: (text) => collectMatches(text, TOKEN, looksRandom),
};
