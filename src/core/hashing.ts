import { createHash } from 'node:crypto';

/** SHA-256 in hex. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The checksum of a revision file: line endings normalised so a checkout on Windows matches. */
export function fileChecksum(text: string): string {
  return sha256(text.replace(/\r\n/g, '\n'));
}
