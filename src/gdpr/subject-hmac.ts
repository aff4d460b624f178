import { createHmac } from 'node:crypto';
import { ConfigError } from '../core/errors.js';

/** Domain separation: a subject HMAC can never be confused with an HMAC of the same key used elsewhere. */
const DOMAIN = 'dihya-subject:';
const MIN_KEY_LENGTH = 16;

/**
 * The keyed, irreversible token that stands for a data subject in receipts and the audit trail, so
 * that a request can be proven without the subject's id ever being stored.
 *
 * @example
 * subjectHmac('42', gdprKey()) // '9f2c…' (64 hex characters)
 */
export function subjectHmac(subjectId: string, key: string): string {
  return createHmac('sha256', key).update(DOMAIN + subjectId, 'utf8').digest('hex');
}

/**
 * The GDPR key from `DIHYA_GDPR_KEY`. Absent or shorter than 16 characters is a configuration error
 * (exit 2): receipts keyed with a guessable secret would let anyone test which ids were erased.
 */
export function gdprKey(): string {
  const key = process.env['DIHYA_GDPR_KEY'];
  if (key === undefined || key === '') {
    throw new ConfigError('DIHYA_GDPR_KEY is not set: set it to a secret of at least 16 characters (it keys the subject HMAC in receipts).');
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new ConfigError(`DIHYA_GDPR_KEY is too short (${key.length} characters): use a secret of at least ${MIN_KEY_LENGTH} characters.`);
  }
  return key;
}
