import { ciInit, ciWorkflowFile } from '../../api/ci-init.js';
import { init } from '../../api/write-commands.js';
import { createOutput } from '../output.js';
import type { CommonOptions } from '../common-options.js';
import { ciLines } from './ci.js';

export async function initCommand(o: CommonOptions & { dialect?: string; ci?: string }): Promise<number> {
  const out = createOutput(Boolean(o.json), Boolean(o.quiet));
  if (o.ci) ciWorkflowFile(o.ci);
  const result = await init({ dir: o.dir, dialect: o.dialect });
  const ci = o.ci ? await ciInit({ provider: o.ci, dir: o.dir, dialect: o.dialect }) : undefined;
  out.result(ci ? { ...result, workflow: ci.file } : result, () => [
    `Created ${result.dir}:`,
    ...result.files.map((f) => `  ${f}`),
    ...(ci ? ['', ...ciLines(ci.file)] : []),
    '',
    'Next: dihya revision -m "create users", then dihya upgrade',
  ]);
  return 0;
}
