/** Which column names suggest personal data: whole words of snake_case and camelCase, English and French. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameWords, personalNameHint } from '../../../src/gdpr/personal-names.js';

describe('personalNameHint', () => {
  test('English and French names, in snake_case, camelCase and with accents', () => {
    const cases: Record<string, string> = {
      email: 'email', contact_email: 'email', courriel: 'email', e_mail: 'email', emailAddress: 'email',
      phone: 'phone', mobilePhone: 'phone', telephone: 'phone', tel_fixe: 'phone', 'téléphone': 'phone',
      adresse: 'address', street_line1: 'address', rue: 'address',
      zip: 'postcode', postcode: 'postcode', code_postal: 'postcode', codePostal: 'postcode',
      date_of_birth: 'birth date', date_naissance: 'birth date', dob: 'birth date', birthDate: 'birth date',
      iban: 'iban', bic: 'bic', nir: 'national id', numero_securite_sociale: 'national id', ssn: 'national id',
      passport_number: 'passport', first_name: 'first name', firstName: 'first name', 'prénom': 'first name',
      last_name: 'last name', nom: 'last name', lastName: 'last name', display_name: 'name',
    };
    for (const [column, hint] of Object.entries(cases)) assert.equal(personalNameHint(column), hint, column);
  });

  test('words that merely contain a personal word do not match', () => {
    for (const column of ['hotel_id', 'return_date', 'truest', 'nominal_amount', 'title', 'zipper_size', 'biceps', 'telemetry', 'created_at', 'id', 'mailbox_count', 'statement']) {
      assert.equal(personalNameHint(column), undefined, column);
    }
  });

  test('nameWords cuts snake_case, camelCase, acronyms and digits', () => {
    assert.deepEqual(nameWords('userEmailAddress'), ['user', 'email', 'address']);
    assert.deepEqual(nameWords('HTTPSProxy_url2'), ['https', 'proxy', 'url', '2']);
    assert.deepEqual(nameWords('street_line1'), ['street', 'line', '1']);
  });
});
