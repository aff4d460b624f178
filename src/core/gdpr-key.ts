import { ConfigError } from './errors.js';

/** The environment variable holding the key of pseudonyms and of subject references. */
export const GDPR_KEY_VARIABLE = 'DIHYA_GDPR_KEY';
/** Shorter keys make the HMACs of guessable values (e-mails, phone numbers, ids) easy to brute-force. */
const MIN_KEY_LENGTH = 16;

/**
 * The GDPR key, from `DIHYA_GDPR_KEY`: it keys pseudonyms (`anonymizeColumn(…, 'pseudonymize')`,
 * the `pseudonymize` strategy) and the subject HMAC of receipts. A missing or short key is one
 * ConfigError line (exit 2) that never echoes the key.
 *
 * @example const key = gdprKey();
 */
export function gdprKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env[GDPR_KEY_VARIABLE];
  if (!key) {
    throw new ConfigError(`${GDPR_KEY_VARIABLE} is not set; set it to a secret of at least ${MIN_KEY_LENGTH} characters (keep it: the same key gives the same pseudonyms and subject references)`);
  }
  if (key.length < MIN_KEY_LENGTH) throw new ConfigError(`${GDPR_KEY_VARIABLE} is shorter than ${MIN_KEY_LENGTH} characters; use a longer secret key`);
  return key;
}
