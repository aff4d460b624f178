import { awsAccessKeyDetector } from './aws-access-key.js';
import { cardNumberDetector } from './card-number.js';
import type { Detector } from './detector.js';
import { emailDetector } from './email.js';
import { frNirDetector } from './fr-nir.js';
import { ibanDetector } from './iban.js';
import { jwtDetector } from './jwt.js';
import { phoneDetector } from './phone.js';
import { prefixedTokenDetector } from './prefixed-token.js';
import { privateKeyDetector } from './private-key.js';
import { sqlPasswordDetector } from './sql-password.js';
import { urlPasswordDetector } from './url-password.js';

/**
 * Every detector, most specific first. The order is the precedence when two findings overlap: a
 * password in `postgres://u:pw@mail.host.fr` beats the e-mail address the same characters look like,
 * a private key block beats the tokens its base64 happens to contain, and a checksummed number (IBAN,
 * NIR, card) beats a telephone number. Adding a detector means adding it here, at its rank.
 *
 * @example
 * ```ts
 * const secretIds = detectors.filter((d) => d.kind === 'secret').map((d) => d.id);
 * ```
 */
export const detectors: readonly Detector[] = Object.freeze([
  privateKeyDetector,
  jwtDetector,
  prefixedTokenDetector,
  awsAccessKeyDetector,
  urlPasswordDetector,
  sqlPasswordDetector,
  ibanDetector,
  frNirDetector,
  cardNumberDetector,
  emailDetector,
  phoneDetector,
]);
