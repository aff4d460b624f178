import { history } from '../../api/inspect-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function historyCommand(o: CommonOptions & { rev?: string }): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await history(project, o.rev);
  out.result({ revisions: r.revisions }, () =>
    r.revisions.length === 0
      ? 'no revisions'
      : r.revisions.map((h) => {
          const parents = h.downRevisions.length ? h.downRevisions.join(', ') : '<base>';
          const mark = h.applied ? `applied ${h.appliedAt ?? '(stamped)'}` : 'pending';
          const tags = [r.heads.includes(h.revision) ? 'current' : '', h.downRevisions.length > 1 ? 'merge' : ''].filter(Boolean);
          return `${parents} -> ${h.revision}  ${h.message}  [${mark}]${tags.length ? ` (${tags.join(', ')})` : ''}`;
        }),
  );
  return 0;
}
