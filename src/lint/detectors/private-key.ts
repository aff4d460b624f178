import type { Detector, DetectorMatch } from './detector.js';

// Header and footer lines name the key type (`RSA`, `EC`, `OPENSSH`, `ENCRYPTED`, PGP's `PRIVATE KEY
// BLOCK`); a block is a BEGIN line followed, before any other marker, by the END line of the same type.
const MARKER = /-----(BEGIN|END) ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
// What a key body is made of, `\n` escapes included because keys are often pasted into strings;
// PEM headers such as `Proc-Type: 4,ENCRYPTED` add `:`, `,` and `-`.
const BODY = /^(?:[A-Za-z0-9+/=:,\- \t\r\n]|\\[nr])*/;

/** A body is key material only when it holds a real run of base64, not `...` or `<key>`. */
function hasKeyMaterial(body: string): boolean {
  return /[A-Za-z0-9+/]{40,}/.test(body.replace(/\\[nr]|\s/g, ''));
}

/** Where a block without its footer stops: the end of the base64 that follows the header. */
function bodyEnd(text: string, from: number, limit: number): number {
  return from + (BODY.exec(text.slice(from, limit))?.[0].length ?? 0);
}

function findBlocks(text: string): DetectorMatch[] {
  const markers = [...text.matchAll(MARKER)];
  const found: DetectorMatch[] = [];
  markers.forEach((marker, i) => {
    if (marker[1] !== 'BEGIN') return;
    const bodyStart = marker.index + marker[0].length;
    const next = markers[i + 1];
    const complete = next !== undefined && next[1] === 'END' && next[2] === marker[2];
    // A block cut short (no footer before the next marker) still leaks everything up to where it stops.
    const stop = complete ? next.index : bodyEnd(text, bodyStart, next?.index ?? text.length);
    const body = text.slice(bodyStart, stop);
    if (!hasKeyMaterial(body)) return;
    const end = complete ? next.index + next[0].length : bodyStart + body.trimEnd().length;
    found.push({ start: marker.index, end });
  });
  return found;
}

/** PEM and OpenSSH private key blocks: the whole block, from `-----BEGIN` to its `-----END` line. */
export const privateKeyDetector: Detector = {
  id: 'private-key',
  kind: 'secret',
  title: 'private key',
  find: findBlocks,
};
