import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';

// Access key ids: a four-letter prefix naming the kind of credential (AKIA long-term, ASIA temporary,
// and the other IAM unique-id prefixes), then 16 base32 characters.
const KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AKPA|ANPA|ANVA|APKA|AROA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
// A secret access key is 40 base64 characters with nothing recognisable about it, so it is only
// reported where it is named: `aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY: "…"`, `secretAccessKey: '…'`.
const SECRET =
  /(?:aws)?[_-]?secret[_-]?access[_-]?key["'`]?\s*(?:=|:|=>)\s*["'`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi;

/** AWS access key ids (`AKIA…`, `ASIA…`) and named secret access keys. */
export const awsAccessKeyDetector: Detector = {
  id: 'aws-access-key',
  kind: 'secret',
  title: 'AWS access key',
  find: (text) => [
    ...collectMatches(text, KEY_ID, (value) => !isPlaceholder(value)),
    ...collectMatches(text, SECRET, (value) => !isPlaceholder(value), 1),
  ],
};
