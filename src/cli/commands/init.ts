import { init } from '../../api/write-commands.js';
import { createOutput } from '../output.js';
import type { CommonOptions } from '../common-options.js';

export async function initCommand(o: CommonOptions & { dialect?: string }): Promise<number> {
  const out = createOutput(Boolean(o.json), Boolean(o.quiet));
  const result = await init({ dir: o.dir, dialect: o.dialect });
  out.result(result, () => [
    `Created ${result.dir}:`,
    ...result.files.map((f) => `  ${f}`),
    '',
    'Next: dihya revision -m "create users", then dihya upgrade',
  ]);
  return 0;
}
