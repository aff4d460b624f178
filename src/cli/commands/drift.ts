import { drift } from '../../api/schema-check.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function driftCommand(o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await drift(project);
  out.result(r, () =>
    r.ok
      ? `OK: the database is what its revisions (${r.heads.join(', ') || 'base'}) make it.`
      : [
          `The database differs from what its revisions (${r.heads.join(', ') || 'base'}) make it:`,
          ...r.differences.map((d) => `  ${d.change}: ${d.object} (${d.detail})`),
          'Changes made by hand: capture them in a revision, or undo them.',
        ],
  );
  return r.ok ? 0 : 3;
}
