import { writeFileSync } from 'node:fs';
import { dumpSchema, type DumpFormat } from '../../api/schema-dump.js';
import { UsageError } from '../../core/errors.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function schemaCommand(action: string, o: CommonOptions & { format?: string; out?: string }): Promise<number> {
  if (action !== 'dump') throw new UsageError(`unknown action 'schema ${action}'; use \`dihya schema dump [--format ts|sql|json]\``);
  const { project, out } = await openProject(o);
  const text = await dumpSchema(project, (o.format ?? 'ts') as DumpFormat);
  if (o.out) {
    writeFileSync(o.out, text);
    out.result({ file: o.out, format: o.format ?? 'ts' }, () => `Wrote ${o.out}`);
  } else if (o.json) out.result({ format: o.format ?? 'ts', text }, () => text);
  else process.stdout.write(text);
  return 0;
}
