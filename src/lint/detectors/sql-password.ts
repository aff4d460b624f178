import { collectMatches } from './collect-matches.js';
import type { Detector } from './detector.js';
import { isPlaceholder } from './placeholder.js';

// A SQL string literal, its content in group `v`: '' doubles a quote inside; a backslash before the
// quotes covers SQL written inside a quoted TypeScript string (`'… PASSWORD \'s3cret\''`).
const LITERAL = String.raw`\\?(?<q>['"])(?<v>(?:(?!\\?\k<q>)[^\n]|\k<q>\k<q>){0,256})\\?\k<q>`;
// Credentials given to a role or user in clear:
//  PostgreSQL `CREATE|ALTER ROLE … [ENCRYPTED] PASSWORD '…'`, MySQL `PASSWORD('…')`,
//  MySQL/MariaDB `IDENTIFIED [WITH plugin] BY '…'`, and MySQL's `SET PASSWORD [FOR user] = '…'`
//  (only at the start of a statement, so that `UPDATE … SET password = …` is not mistaken for it).
const ACCOUNT = String.raw`(?:'[^'\n]*'|"[^"\n]*"|\x60[^\x60\n]*\x60|[\w.$%-]+)`;
const FORMS = [
  String.raw`\bPASSWORD(?:\s+|\s*\(\s*)`,
  String.raw`\bIDENTIFIED\s+(?:WITH\s+[\w$]+\s+)?BY\s+`,
  String.raw`(?:^|[;'"\x60(])\s*SET\s+PASSWORD(?:\s+FOR\s+${ACCOUNT}(?:@${ACCOUNT})?)?\s*=\s*(?:PASSWORD\s*\(\s*)?`,
];
const PASSWORD_LITERAL = new RegExp(`(?:${FORMS.join('|')})${LITERAL}`, 'dgim');

/** Passwords in clear in SQL: `PASSWORD '…'`, `IDENTIFIED BY '…'`, `SET PASSWORD = '…'` (the password only). */
export const sqlPasswordDetector: Detector = {
  id: 'sql-password',
  kind: 'secret',
  title: 'password in SQL',
  find: (text) => collectMatches(text, PASSWORD_LITERAL, (value) => !isPlaceholder(value), 'v'),
};
