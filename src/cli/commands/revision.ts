import { autogenerate } from '../../api/autogenerate.js';
import { newRevision } from '../../api/write-commands.js';
import { UsageError } from '../../core/errors.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function revisionCommand(
  o: CommonOptions & { message: string; sql?: boolean; head?: string; branchLabel?: string[]; dependsOn?: string[]; autogenerate?: boolean },
): Promise<number> {
  const { project, out } = await openProject(o);
  if (o.autogenerate) {
    if (o.sql) throw new UsageError('--autogenerate writes a TypeScript revision; drop --sql');
    const r = await autogenerate(project, { message: o.message, head: o.head });
    out.result(r, () =>
      r.file
        ? [`Created revision ${r.revision}: ${r.file}`, ...r.changes.map((c) => `  ${c.change}: ${c.object}`), ...r.notes.map((n) => `note: ${n}`), 'Review it, write its purpose, then run `dihya upgrade`.']
        : 'No changes: the database at head matches the declared schema; nothing written.',
    );
    return 0;
  }
  const r = await newRevision(project, { message: o.message, sql: o.sql, head: o.head, branchLabel: o.branchLabel, dependsOn: o.dependsOn });
  out.result(r, () => `Created revision ${r.revision} (parent: ${r.downRevisions.join(', ') || 'base'}): ${r.file}`);
  return 0;
}
