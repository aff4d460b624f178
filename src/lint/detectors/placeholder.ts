/**
 * Values that stand for a secret without being one: template and environment references, masks and
 * the words documentation uses in place of a password. A finding on them would only teach people to
 * ignore the linter.
 */
const REFERENCE = /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^<[^<>]*>$|process\.env\b/;
const MASK = /\*{3}|x{3}|\.{3}|…|•{3}/i;
const WORDS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'placeholder',
  'redacted',
  'dummy',
  'todo',
]);

/** True when `value` is a reference (`${DB_PASSWORD}`, `process.env.X`), a mask (`***`, `xxxx`) or a stand-in word. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  if (REFERENCE.test(trimmed) || MASK.test(trimmed)) return true;
  if (/example/i.test(trimmed)) return true;
  if (/^(.)\1*$/.test(trimmed)) return true;
  // `your_password`, `somepassword`, `my-secret`: the word with a possessive in front is still a stand-in.
  return WORDS.has(trimmed.toLowerCase().replace(/^(?:your|some|my|the)[_-]?/, ''));
}
