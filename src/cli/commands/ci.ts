import { ciInit } from '../../api/ci-init.js';
import { UsageError } from '../../core/errors.js';
import { createOutput } from '../output.js';
import type { CommonOptions } from '../common-options.js';

/** `ci init <provider>`: writes the CI pipeline of an existing project. */
export async function ciCommand(action: string, provider: string | undefined, o: CommonOptions): Promise<number> {
  if (action !== 'init') throw new UsageError(`unknown ci action '${action}'; use \`dihya ci init github\``);
  if (!provider) throw new UsageError('ci init needs a provider: `dihya ci init github`');
  const out = createOutput(Boolean(o.json), Boolean(o.quiet));
  const result = await ciInit({ provider, dir: o.dir });
  out.result(result, () => ciLines(result.file));
  return 0;
}

/** What to do once the workflow is written. */
export function ciLines(file: string): string[] {
  return [
    `Wrote ${file}`,
    'Next: add the secrets DIHYA_STAGING_URL and DIHYA_PRODUCTION_URL, create the GitHub environments',
    "staging and production, and give production required reviewers.",
  ];
}
