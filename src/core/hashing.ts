import { createHash } from 'node:crypto';

/** SHA-256 in hex. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The checksum of a revision file: line endings normalised so a checkout on Windows matches.
 * Raw bytes without a carriage return are hashed as they are, saving a decode per file.
 */
export function fileChecksum(content: string | Buffer): string {
  if (Buffer.isBuffer(content)) {
    if (!content.includes(13)) return sha256(content);
    content = content.toString('utf8');
  }
  return sha256(content.replace(/\r\n/g, '\n'));
}
