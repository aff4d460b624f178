import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { awsAccessKeyDetector } from '../../../src/lint/detectors/aws-access-key.js';
import { cardNumberDetector } from '../../../src/lint/detectors/card-number.js';
import type { Detector } from '../../../src/lint/detectors/detector.js';
import { emailDetector } from '../../../src/lint/detectors/email.js';
import { frNirDetector } from '../../../src/lint/detectors/fr-nir.js';
import { ibanDetector } from '../../../src/lint/detectors/iban.js';
import { detectors } from '../../../src/lint/detectors/index.js';
import { jwtDetector } from '../../../src/lint/detectors/jwt.js';
import { phoneDetector } from '../../../src/lint/detectors/phone.js';
import { prefixedTokenDetector } from '../../../src/lint/detectors/prefixed-token.js';
import { privateKeyDetector } from '../../../src/lint/detectors/private-key.js';
import { sqlPasswordDetector } from '../../../src/lint/detectors/sql-password.js';
import { urlPasswordDetector } from '../../../src/lint/detectors/url-password.js';

/** What a detector matched, as text (the test may look at values; the scanner's output never holds them). */
const found = (detector: Detector, text: string): string[] =>
  detector.find(text).map((m) => text.slice(m.start, m.end));

function assertNone(detector: Detector, texts: readonly string[]): void {
  for (const text of texts) assert.deepEqual(found(detector, text), [], `${detector.id} should not match: ${text}`);
}

// Deterministic stand-ins for random token bodies, built at run time so that no string in this file
// has the shape of a live credential.
let seed = 42;
function randomChars(length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += alphabet[seed % alphabet.length];
  }
  return out;
}

/** An IBAN with correct check digits for a country and BBAN (ISO 13616, computed independently with BigInt). */
function makeIban(country: string, bban: string): string {
  const numeric = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** A card number with a correct Luhn digit appended. */
function makeCard(partial: string): string {
  for (let d = 0; d <= 9; d += 1) {
    const candidate = `${partial}${d}`;
    const sum = [...candidate].reverse().reduce((acc, ch, i) => {
      const n = Number(ch) * (i % 2 === 1 ? 2 : 1);
      return acc + (n > 9 ? n - 9 : n);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A NIR (13 characters) with its key: 97 − (number mod 97), Corsica 2A/2B as 19/18 minus 1e6/2e6. */
function makeNir(body: string): string {
  const corsica = body.slice(5, 7).toUpperCase();
  let n = BigInt(body.replace(/2A/i, '19').replace(/2B/i, '18'));
  if (corsica === '2A') n -= 1_000_000n;
  if (corsica === '2B') n -= 2_000_000n;
  return `${body}${String(97n - (n % 97n)).padStart(2, '0')}`;
}

const spaced = (compact: string, group = 4) => compact.match(new RegExp(`.{1,${group}}`, 'g'))!.join(' ');

describe('detector registry', () => {
  test('every detector is registered once, with a kind and a title', () => {
    const ids = detectors.map((d) => d.id);
    assert.deepEqual(new Set(ids).size, ids.length);
    for (const id of ['private-key', 'aws-access-key', 'prefixed-token', 'jwt', 'url-password', 'sql-password',
      'email', 'phone', 'iban', 'card-number', 'fr-nir']) assert.ok(ids.includes(id), id);
    for (const d of detectors) assert.ok(d.title.length > 0 && (d.kind === 'secret' || d.kind === 'personal'));
  });
});

describe('private-key', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const sec1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${spaced(randomChars(280), 70).replace(/ /g, '\n')}\n-----END OPENSSH PRIVATE KEY-----`;

  test('PKCS#8, RSA, EC and OpenSSH blocks, whole', () => {
    for (const pem of [pkcs8, pkcs1, sec1, openssh]) assert.deepEqual(found(privateKeyDetector, `key:\n${pem}\n`), [pem.trimEnd()]);
  });

  test('a key pasted into a string with \\n escapes, and a block cut short', () => {
    const escaped = pkcs1.trimEnd().replace(/\n/g, '\\n');
    assert.deepEqual(found(privateKeyDetector, `const key = "${escaped}";`), [escaped]);
    const cut = pkcs8.split('\n').slice(0, 4).join('\n');
    assert.deepEqual(found(privateKeyDetector, `${cut}\n`), [cut]);
  });

  test('public keys, certificates and elided bodies are not private keys', () => {
    const pub = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    assertNone(privateKeyDetector, [pub, '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----', 'look for "BEGIN PRIVATE KEY" lines']);
  });
});

describe('aws-access-key', () => {
  const keyId = `AKIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  const sessionId = `ASIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  const secret = randomChars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');

  test('access key ids and named secret access keys (the value only)', () => {
    assert.deepEqual(found(awsAccessKeyDetector, `id=${keyId} session: "${sessionId}"`), [keyId, sessionId]);
    for (const line of [`aws_secret_access_key = ${secret}`, `AWS_SECRET_ACCESS_KEY: "${secret}"`, `secretAccessKey: '${secret}',`]) {
      assert.deepEqual(found(awsAccessKeyDetector, line), [secret], line);
    }
  });

  test('documentation examples, placeholders, unnamed base64 and longer ids are left alone', () => {
    assertNone(awsAccessKeyDetector, ['AKIAIOSFODNN7EXAMPLE', 'AKIAXXXXXXXXXXXXXXXX', `X${keyId}`, `${keyId}9`,
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_secret_access_key = ${'x'.repeat(40)}`,
      `checksum = ${secret}`, 'aws_secret_access_key = process.env.AWS_SECRET_ACCESS_KEY']);
  });
});

describe('prefixed-token', () => {
  const body = (n: number) => randomChars(n);
  const tokens = [
    `ghp_${body(36)}`, `gho_${body(36)}`, `ghs_${body(36)}`, `ghu_${body(36)}`, `github_pat_${body(22)}_${body(59)}`,
    ['xoxb', '2470' + randomChars(8, '0123456789'), randomChars(13, '0123456789'), body(24)].join('-'),
    ['sk', 'live', body(24)].join('_'), ['rk', 'live', body(32)].join('_'), `AIza${body(35)}`,
    `glpat-${body(20)}`, `npm_${body(36)}`, `SG.${body(22)}.${body(43)}`,
  ];

  test('each vendor format, whole', () => {
    for (const token of tokens) assert.deepEqual(found(prefixedTokenDetector, `token = '${token}';`), [token], token);
  });

  test('wrong lengths, placeholders, test-mode keys and identifiers that merely start alike', () => {
    assertNone(prefixedTokenDetector, [`ghp_${body(20)}`, `ghp_${body(40)}`, `ghp_${'x'.repeat(36)}`, `ghp_${'A'.repeat(36)}`, `ghp_${'ab12'.repeat(9)}`,
      ['sk', 'test', body(24)].join('_'), ['sk', 'live', 'XXXXXXXXXXXXXXXXXXXXXXXX'].join('_'), 'xoxb-your-token',
      `my_ghp_${body(36)}`, 'npm_config_registry', 'SG.abc.def', 'const AIzaPrefix = 1']);
  });
});

describe('jwt', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({ sub: '4012', email: 'jeanne@laposte.fr', iat: 1767600000 });
  const signature = createHmac('sha256', 'k').update(`${header}.${payload}`).digest('base64url');
  const token = `${header}.${payload}.${signature}`;

  test('a signed token, in a header line and in a string', () => {
    assert.deepEqual(found(jwtDetector, `Authorization: Bearer ${token}`), [token]);
    assert.deepEqual(found(jwtDetector, `const t = "${token}";`), [token]);
  });

  test('dotted base64url whose first part is not a JOSE header', () => {
    const noAlg = `${b64({ foo: 'bar' })}.${payload}.${signature}`;
    const notJson = `eyJub3QganNvbg.${payload}.${signature}`;
    assertNone(jwtDetector, [noAlg, notJson, `${header}.${payload}.`, 'eyJhbGciOiJIUzI1NiJ9.e30', 'a.b.c']);
  });
});

describe('url-password', () => {
  test('the password of scheme://user:password@host, and only it', () => {
    assert.deepEqual(found(urlPasswordDetector, "url: 'postgres://app:Tr0ub4dor&3@db.internal:5432/app'"), ['Tr0ub4dor&3']);
    assert.deepEqual(found(urlPasswordDetector, 'mysql://root:s3cr%40t@10.0.4.7/prod'), ['s3cr%40t']);
    assert.deepEqual(found(urlPasswordDetector, 'redis://:9fQz2LmP@cache.acme.fr:6379'), ['9fQz2LmP']);
    assert.deepEqual(found(urlPasswordDetector, 'amqp://svc:k8!Vw@[2001:db8::1]:5672'), ['k8!Vw']);
  });

  test('no password, placeholders, environment references and reserved hosts', () => {
    assertNone(urlPasswordDetector, [
      'postgres://postgres@127.0.0.1:5432/test', 'postgres://app:@db.internal/app', 'postgres://app:***@db.internal/app',
      'postgres://app:${DB_PASSWORD}@db.internal/app', 'postgres://app:$PGPASSWORD@db.internal/app',
      'postgres://app:%PGPASSWORD%@db.internal/app', 'postgres://app:{{ db_password }}@db.internal/app',
      'postgres://app:<password>@db.internal/app', 'postgres://app:changeme@db.internal/app', 'postgres://someuser:somepassword@somehost:5432/db',
      'postgres://app:xxxxxxxx@db.internal/app', '`postgres://${user}:${process.env.PGPASSWORD}@${host}/app`',
      'postgres://app:Tr0ub4dor@localhost/app', 'postgres://app:Tr0ub4dor@127.0.0.1/app',
      'postgres://app:Tr0ub4dor@db.example.com/app', 'mysql://app:Tr0ub4dor@db.test/app', 'sqlite:./dihya.db',
      'https://github.com/org/repo', 'time 09:00:00@utc',
    ]);
  });
});

describe('sql-password', () => {
  test('PostgreSQL and MySQL forms, the literal only', () => {
    const cases: [string, string][] = [
      ["CREATE ROLE app LOGIN PASSWORD 'N0t-S0-s3cret';", 'N0t-S0-s3cret'],
      ["ALTER USER app WITH ENCRYPTED PASSWORD 'it''s-me-42';", "it''s-me-42"],
      ["CREATE USER 'bob'@'%' IDENTIFIED BY 'hunter22z';", 'hunter22z'],
      ['CREATE USER bob IDENTIFIED WITH mysql_native_password BY "q9!xZr";', 'q9!xZr'],
      ["SET PASSWORD FOR 'bob'@'localhost' = 'n3wpass!';", 'n3wpass!'],
      ["op.execute('CREATE ROLE app PASSWORD \\'t0ps3cret\\'');", 't0ps3cret'],
    ];
    for (const [sql, password] of cases) assert.deepEqual(found(sqlPasswordDetector, sql), [password], sql);
  });

  test('ordinary SQL, bound parameters and placeholders', () => {
    assertNone(sqlPasswordDetector, [
      "UPDATE users SET password = 'x1y2z3' WHERE id = 1;", 'ALTER TABLE users ADD COLUMN password_hash TEXT;',
      'CREATE ROLE app LOGIN PASSWORD NULL;', 'ALTER ROLE app PASSWORD $1;', "CREATE ROLE app PASSWORD '';",
      "CREATE ROLE app PASSWORD '${APP_DB_PASSWORD}';", "CREATE USER bob IDENTIFIED BY '<password>';",
      "CREATE USER bob IDENTIFIED BY '***';", "SELECT * FROM users WHERE password_reset_at IS NULL",
      "op.addColumn('users', 'password', { type: 'text' });",
    ]);
  });
});

describe('email', () => {
  test('addresses, including mailto links and subdomains', () => {
    assert.deepEqual(found(emailDetector, 'Contact: jeanne.martin+rgpd@laposte.fr.'), ['jeanne.martin+rgpd@laposte.fr']);
    assert.deepEqual(found(emailDetector, '<a href="mailto:dpo@mail.acme.co.uk">'), ['dpo@mail.acme.co.uk']);
    assert.deepEqual(found(emailDetector, "{ email: 'k.amrani@gmail.com' }"), ['k.amrani@gmail.com']);
  });

  test('reserved domains, URL user parts, package versions, assets and decorators', () => {
    assertNone(emailDetector, ['bob@example.com', 'alice@mail.example.org', 'x@example.net', 'qa@shop.test',
      'nobody@foo.invalid', 'root@localhost', 'postgres://app@db.prod.acme.fr/app', 'dihya-migrate@0.1.0',
      'pg@^8.23.1', 'icon@2x.png', '@Entity()', 'user@10.0.0.1', 'a@b']);
  });
});

describe('phone', () => {
  test('international and French national forms', () => {
    const numbers = ['+33 6 12 34 56 78', '+33612345678', '+33 (0)1 42 68 53 00', '+1 (555) 123-4567', '+44 20 7946 0958',
      '+213 21 23 45 67', '06 12 34 56 78', '01.42.68.53.00', '07-81-23-45-67', '0612345678'];
    for (const n of numbers) assert.deepEqual(found(phoneDetector, `tél. ${n}, merci`), [n], n);
    assert.deepEqual(found(phoneDetector, 'appelez le 06 12 34 56 78 de 9h à 18h'), ['06 12 34 56 78']);
  });

  test('dates, versions, ids, timezones, hashes and UUIDs are not telephone numbers', () => {
    assertNone(phoneDetector, ['2026-01-05', '05/01/2026', '20260105_0900', '1.2.3', '1.0.0+20130313144700',
      '2026-01-05T09:00:00+01:00', '+0100', 'ids 12345678901 and 1767600000', '0x0612345678', 'a1c3e5f7b9d1',
      'deadbeef0612345678cafe', '123e4567-e89b-12d3-a456-426614174000', 'x+12345678', '06 12 34 56', '06 12.34 56 78',
      '+1234567890123456', '+33 6 12 34 56 78 90 12 34', '+33 12 34', '192.168.100.200', '0.612345678',
      '// Prints: <Buffer 01 02 03 04 05 06 07 08>', '00 28 13 de 02 00 00 00 00 05 00']);
  });
});

describe('iban', () => {
  // Published examples: GB82 WEST… is the ECBS/ISO 13616 example reproduced in the Wikipedia article
  // "International Bank Account Number"; DE89…, FR14…, BE71… are that article's country examples.
  const published = ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'FR14 2004 1010 0505 0001 3M02 606', 'BE71 0961 2345 6769'];
  const generated = [makeIban('FR', '30006000011234567890189'), makeIban('ES', '21000418450200051332'),
    makeIban('IT', 'X0542811101000000123456'), makeIban('NO', '86011117947')];

  test('published and generated IBANs, compact and printed in groups of four', () => {
    for (const iban of [...published, ...generated, ...generated.map((g) => spaced(g))]) {
      assert.deepEqual(found(ibanDetector, `IBAN : ${iban}.`), [iban], iban);
    }
  });

  test('wrong check digits, wrong lengths, unknown countries, lowercase and ragged spacing', () => {
    const fr = generated[0]!;
    const wrongCheck = `${fr.slice(0, 2)}${String((Number(fr.slice(2, 4)) + 1) % 100).padStart(2, '0')}${fr.slice(4)}`;
    assertNone(ibanDetector, ['GB82 WEST 1234 5698 7654 33', wrongCheck, `${fr}1`, fr.slice(0, -1), makeIban('ZZ', '123456789012'),
      makeIban('FR', '3000600001123456789018'), fr.toLowerCase(), 'GB82 WES T1234 5698 7654 32', 'GB82  WEST 1234 5698 7654 32',
      `X${fr}`, 'DE00000000000000000000']);
  });
});

describe('card-number', () => {
  // Stripe's documented test card numbers (docs.stripe.com/testing): Visa, Mastercard, American
  // Express, Discover, Diners Club, JCB, UnionPay.
  const published = ['4242424242424242', '5555 5555 5555 4444', '3782 822463 10005', '6011-1111-1111-1117',
    '3056930009020004', '3566002020360505', '6200000000000005'];
  const generated = [makeCard('222100000000000'), makeCard('400000000000'), makeCard('411111111111111111')];

  test('published test cards and generated numbers with a valid Luhn digit', () => {
    for (const card of [...published, ...generated]) assert.deepEqual(found(cardNumberDetector, `card: ${card};`), [card], card);
  });

  test('bad Luhn, unknown issuers, wrong lengths, mixed separators and digits inside longer things', () => {
    assertNone(cardNumberDetector, ['4242424242424241', '5555 5555 5555 4445', makeCard('911111111111111'),
      makeCard('5111111111111'), makeCard('378282246310005'), '4242 4242-4242 4242', `${makeCard('424242424242424')}9`,
      `id-${makeCard('424242424242424')}`, `0.${makeCard('424242424242424')}`, '1767600000000', '20260105090000',
      '123e4567-e89b-12d3-a456-426614174000', `sha ${'a'.repeat(8)}${makeCard('424242424242424')}`]);
  });
});

describe('fr-nir', () => {
  // Mainland (Paris), born abroad (99), overseas (974 Réunion), Corse-du-Sud (2A), Haute-Corse (2B).
  const nirs = [makeNir('1840575123456'), makeNir('2991299345012'), makeNir('2850697411012'),
    makeNir('284052A004012'), makeNir('175032B003016')];

  test('mainland, overseas and Corsican numbers, compact and spaced', () => {
    for (const nir of nirs) {
      assert.deepEqual(found(frNirDetector, `NIR ${nir} ok`), [nir], nir);
      const printed = `${nir[0]} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)} ${nir.slice(13)}`;
      assert.deepEqual(found(frNirDetector, `NIR ${printed} ok`), [printed], printed);
    }
  });

  test('a wrong key, a bad month or sex digit, Corsica keyed as plain digits, longer numbers', () => {
    const nir = nirs[0]!;
    const wrongKey = `${nir.slice(0, 13)}${String((Number(nir.slice(13)) % 97) + 1).padStart(2, '0')}`;
    // Keyed as if 2A were the digits 19, without the Corsican correction.
    const corsicaAsDigits = makeNir('2840519004012').replace(/^(\d{5})19/, '$12A');
    assertNone(frNirDetector, [wrongKey, makeNir('1841375123456'), makeNir('5840575123456'), makeNir('1840075123456'),
      corsicaAsDigits, `${nir}0`, `0${nir}`, nir.slice(0, 14)]);
  });
});
