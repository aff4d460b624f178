/**
 * The official SARIF 2.1.0 JSON schema (OASIS), as shipped by Microsoft's SARIF Multitool package
 * (a devDependency, one platform package per OS), compiled with AJV's draft 2020-12 support.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const require = createRequire(import.meta.url);

function schemaPath(): string {
  for (const os of ['linux', 'darwin', 'win32']) {
    try {
      const file = join(dirname(require.resolve(`@microsoft/sarif-multitool-${os}/package.json`)), 'sarif-2.1.0.json');
      if (existsSync(file)) return file;
    } catch {
      // not installed on this platform
    }
  }
  throw new Error('the SARIF 2.1.0 schema was not found: run npm install (devDependency @microsoft/sarif-multitool)');
}

/** Validates a SARIF log against the official 2.1.0 schema; `errors` says why not. */
export const validateSarif = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(JSON.parse(readFileSync(schemaPath(), 'utf8')));
