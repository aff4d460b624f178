import { newRevision } from '../../api/write-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function revisionCommand(
  o: CommonOptions & { message: string; sql?: boolean; head?: string; branchLabel?: string[]; dependsOn?: string[] },
): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await newRevision(project, { message: o.message, sql: o.sql, head: o.head, branchLabel: o.branchLabel, dependsOn: o.dependsOn });
  out.result(r, () => `Created revision ${r.revision} (parent: ${r.downRevisions.join(', ') || 'base'}): ${r.file}`);
  return 0;
}
