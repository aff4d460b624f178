/**
 * Column names that suggest personal data, in English and French, shared by `dihya gdpr scan` and
 * the lint rule `unclassified-personal-column`. Names are cut into words (snake_case, camelCase,
 * digits), and whole words or word sequences are compared, so `hotel` or `return` never match
 * `tel` or `rue`.
 */

// One word alone is enough.
const SINGLE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    email: 'email', emails: 'email', mail: 'email', courriel: 'email',
    phone: 'phone', telephone: 'phone', tel: 'phone', mobile: 'phone', portable: 'phone', fax: 'phone', msisdn: 'phone', phonenumber: 'phone',
    address: 'address', adresse: 'address', street: 'address', rue: 'address', city: 'address', ville: 'address',
    zip: 'postcode', zipcode: 'postcode', postcode: 'postcode', postal: 'postcode', postalcode: 'postcode',
    birth: 'birth date', birthday: 'birth date', birthdate: 'birth date', dob: 'birth date', naissance: 'birth date',
    iban: 'iban', bic: 'bic', swift: 'bic',
    nir: 'national id', ssn: 'national id', insee: 'national id',
    passport: 'passport', passeport: 'passport',
    firstname: 'first name', prenom: 'first name', forename: 'first name', givenname: 'first name',
    lastname: 'last name', surname: 'last name', nom: 'last name', familyname: 'last name',
    name: 'name', fullname: 'name', username: 'name',
  }),
);

// Word sequences: `first_name`, `code_postal`, `securite_sociale`.
const SEQUENCES: ReadonlyArray<readonly [readonly string[], string]> = [
  [['first', 'name'], 'first name'],
  [['given', 'name'], 'first name'],
  [['last', 'name'], 'last name'],
  [['family', 'name'], 'last name'],
  [['code', 'postal'], 'postcode'],
  [['securite', 'sociale'], 'national id'],
  [['social', 'security'], 'national id'],
  [['date', 'naissance'], 'birth date'],
];

/**
 * The words of an identifier, lower-case: `firstName` → first, name; `code_postal2` → code, postal, 2.
 * Accents are dropped so `prénom` and `téléphone` read as `prenom` and `telephone`.
 */
export function nameWords(identifier: string): string[] {
  return identifier
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])|([0-9])([A-Za-z])/g, (_m, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * What a column's name suggests it holds (`email`, `phone`, `first name`, …), or undefined when the
 * name looks like nothing personal.
 *
 * @example
 * personalNameHint('contact_phone'); // 'phone'
 * personalNameHint('hotel_id'); // undefined
 */
export function personalNameHint(column: string): string | undefined {
  const words = nameWords(column);
  for (const [sequence, hint] of SEQUENCES) {
    for (let i = 0; i + sequence.length <= words.length; i++) {
      if (sequence.every((w, j) => words[i + j] === w)) return hint;
    }
  }
  for (const word of words) {
    const hint = SINGLE.get(word);
    if (hint) return hint;
  }
  return undefined;
}
