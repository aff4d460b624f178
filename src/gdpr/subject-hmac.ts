import { createHmac } from 'node:crypto';

/** Domain separation: a subject HMAC can never be confused with an HMAC of the same key used elsewhere. */
const DOMAIN = 'dihya-subject:';

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

export { gdprKey } from '../core/gdpr-key.js';
