import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classifyValue } from '../../../src/lint/classify-value.js';
import type { Detector } from '../../../src/lint/detectors/detector.js';
import { scanText } from '../../../src/lint/scan-text.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Values that are in `text`, to prove that none of them comes back out of the scanner. */
function assertNothingLeaks(text: string, values: readonly string[]): void {
  const out = JSON.stringify(scanText(text));
  for (const value of values) {
    assert.ok(!out.includes(value), `the findings hold ${value.length} characters of a value`);
    if (value.length >= 8) assert.ok(!out.includes(value.slice(2, -2)), 'the findings hold the middle of a value');
  }
}

describe('scanText positions', () => {
  test('1-based line and column, endColumn just after the value, only the password of a URL', () => {
    const text = "import x from 'y';\n\n  url: 'postgres://app:Tr0ub4dor&3@db.internal/app',\n";
    assert.deepEqual(scanText(text), [{
      detector: 'url-password', kind: 'secret', title: 'password in a connection URL',
      line: 3, column: 24, endLine: 3, endColumn: 35, redacted: 'T…3',
    }]);
  });

  test('a private key block spans lines; endLine and endColumn close it', () => {
    const pem = (generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string).trimEnd();
    const text = `// key\nconst key = \`${pem}\`;\n`;
    const lines = pem.split('\n');
    const [finding] = scanText(text);
    assert.equal(scanText(text).length, 1);
    assert.deepEqual(
      { ...finding, redacted: undefined },
      { detector: 'private-key', kind: 'secret', title: 'private key', line: 2, column: 14,
        endLine: 1 + lines.length, endColumn: lines.at(-1)!.length + 1, redacted: undefined },
    );
    assert.equal(finding!.redacted, '--…--');
  });

  test('findings of several detectors come back in text order', () => {
    const text = [
      "-- contact: dpo@acme-sante.fr, tél. +33 1 42 68 53 00",
      "INSERT INTO payouts (iban) VALUES ('FR14 2004 1010 0505 0001 3M02 606');",
      "CREATE ROLE reporting LOGIN PASSWORD 'R3p0rt!ng-2026';",
    ].join('\n');
    assert.deepEqual(scanText(text).map((f) => [f.detector, f.kind, f.line, f.column, f.endColumn, f.redacted]), [
      ['email', 'personal', 1, 13, 30, 'dp…fr'],
      ['phone', 'personal', 1, 37, 54, '+3…00'],
      ['iban', 'personal', 2, 37, 70, 'FR…06'],
      ['sql-password', 'secret', 3, 39, 53, 'R3…26'],
    ]);
  });

  test('a mailbox URL: the address in its user part and its password are two findings', () => {
    const text = 'imap://jeanne.martin@laposte.fr:Tr0ub4dor-9@imap.laposte.fr/INBOX';
    assert.deepEqual(scanText(text).map((f) => [f.detector, f.column, f.endColumn]), [['email', 8, 32], ['url-password', 33, 44]]);
  });
});

describe('scanText overlaps', () => {
  test('a token used as a URL password is reported once, as the more specific token', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: '42' })}.${'Q'.repeat(10)}w3xR7yZ1aB9cD5eF`;
    const findings = scanText(`https://api:${jwt}@api.acme.fr/v1`);
    assert.deepEqual(findings.map((f) => f.detector), ['jwt']);
  });

  test('two matches of one detector over the same digits give one finding, the longer', () => {
    // `+33 06 …` (a trunk 0 kept after the country code) is both an international and a French number.
    assert.deepEqual(scanText('tél. +33 06 12 34 56 78').map((f) => [f.detector, f.column, f.endColumn]), [['phone', 6, 24]]);
  });

  test('of two overlapping matches the detector ranked first wins, whatever their lengths', () => {
    const at = (id: string, kind: 'secret' | 'personal', start: number, end: number): Detector => ({
      id, kind, title: id, find: () => [{ start, end }],
    });
    const text = 'abcdefghijklmnopqrstuvwxyz';
    const wide = at('wide', 'personal', 0, 20);
    const narrow = at('narrow', 'secret', 5, 10);
    const apart = at('apart', 'personal', 21, 24);
    assert.deepEqual(scanText(text, [narrow, wide, apart]).map((f) => f.detector), ['narrow', 'apart']);
    assert.deepEqual(scanText(text, [wide, narrow, apart]).map((f) => f.detector), ['wide', 'apart']);
  });
});

describe('scanText keeps values inside', () => {
  test('no returned field holds a found value or its middle', () => {
    const secrets = ['Tr0ub4dor&3xyz', 'R3p0rt!ng-2026', 'jeanne.martin@laposte.fr', 'FR1420041010050500013M02606', '4242424242424242', 'k8!Vw'];
    const text = [
      `postgres://app:${secrets[0]}@db.internal/app`,
      `CREATE ROLE r LOGIN PASSWORD '${secrets[1]}';`,
      `-- ${secrets[2]} ${secrets[3]} ${secrets[4]}`,
      `redis://:${secrets[5]}@cache.acme.fr`,
    ].join('\n');
    assert.equal(scanText(text).length, 6);
    assertNothingLeaks(text, secrets);
  });

  test('short values are masked completely, medium ones keep one character each side', () => {
    const findings = scanText('redis://:k8!Vw@cache.acme.fr redis://:s3cr3t!@cache.acme.fr');
    assert.deepEqual(findings.map((f) => f.redacted), ['…', 's…!']);
  });
});

describe('scanText on ordinary migration code', () => {
  test('a revision full of ids, hashes, dates, versions, references and example data has no finding', () => {
    const revision = `import { defineMigration } from 'dihya-migrate';
// Follows up 3f786850e387550fdab836ed7e6dc881de23001b (git) — see https://github.com/acme/app/pull/1234
export default defineMigration({
  revision: 'c9e1a3b5d7f9',
  downRevision: 'b8d0f2a4c6e8',
  message: 'accounts: password hashes and contact preferences',
  purpose: 'Store bcrypt hashes instead of passwords; released in 2.14.0 on 2026-01-05 at 09:00:00+01:00',
  impact: 'Rewrites users (about 1200000 rows, 20260105_0900 batch); uses process.env.DIHYA_BATCH_SIZE',
  rollback: 'down() drops the new columns',
  critical: true,
  async up(op) {
    const url = \`postgres://\${process.env.PGUSER}:\${process.env.PGPASSWORD}@\${process.env.PGHOST}/app\`;
    op.addColumn('users', 'password_hash', { type: 'varchar(60)' });
    op.addColumn('users', 'external_id', { type: 'uuid', default: '123e4567-e89b-12d3-a456-426614174000' });
    op.execute("UPDATE users SET password_hash = NULL, phone = NULL WHERE id IN (1, 2, 3) AND created_at < '2026-01-05'");
    op.execute("CREATE ROLE reporting LOGIN PASSWORD '\${REPORTING_PASSWORD}'");
    op.execute('ALTER ROLE reporting PASSWORD $1');
    op.bulkInsert('settings', [
      { key: 'support_email', value: 'support@example.com' },
      { key: 'checksum', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      { key: 'version', value: '1.0.0+20130313144700' },
      { key: 'max_amount', value: '1234567.89' },
      { key: 'timeout_ms', value: 1767600000000 },
    ]);
    void url;
  },
  async down(op) {
    op.dropColumn('users', 'external_id');
    op.dropColumn('users', 'password_hash');
  },
});
`;
    assert.deepEqual(scanText(revision), []);
  });

  test('the example project and the shipped templates scan clean', () => {
    const folders = [join(ROOT, 'examples/dihya-platform/migrations/versions'), join(ROOT, 'examples/dihya-platform/migrations'), join(ROOT, 'templates')];
    const files = folders.flatMap((folder) =>
      readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(folder, e.name)));
    assert.ok(files.length >= 12, `only ${files.length} files found`);
    for (const file of files) assert.deepEqual(scanText(readFileSync(file, 'utf8')), [], file);
  });
});

describe('classifyValue', () => {
  test('a cell that is, as a whole, personal data names its detector', () => {
    const cells: [string, string][] = [
      ['jeanne.martin@laposte.fr', 'email'], ['  +33 6 12 34 56 78 ', 'phone'], ['0612345678', 'phone'],
      ['FR14 2004 1010 0505 0001 3M02 606', 'iban'], ['4242 4242 4242 4242', 'card-number'],
    ];
    for (const [cell, detector] of cells) assert.deepEqual(classifyValue(cell), { detector, kind: 'personal' }, cell);
    // Key of 1 84 05 75 123 456: 1840575123456 mod 97 = 72, and 97 − 72 = 25.
    assert.deepEqual(classifyValue('1 84 05 75 123 456 25'), { detector: 'fr-nir', kind: 'personal' });
  });

  test('text around the data, reserved domains, secrets and ordinary values are not classified', () => {
    for (const cell of ['write to jeanne.martin@laposte.fr', 'bob@example.com', 'hello', '', '   ', '42', '2026-01-05',
      '123e4567-e89b-12d3-a456-426614174000', 'FR14 2004 1010 0505 0001 3M02 607', 'postgres://app:Tr0ub4dor@db.internal/app',
      '1.2.3', 'true']) {
      assert.equal(classifyValue(cell), undefined, cell);
    }
  });
});
