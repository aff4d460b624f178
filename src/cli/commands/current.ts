import { current, heads } from '../../api/inspect-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { revisionLine } from '../output.js';

/** `current`: where the database stands; `heads`: the graph's heads. */
export async function currentCommand(which: 'current' | 'heads', o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const graph = await project.graph();
  const r = which === 'current' ? await current(project) : await heads(project);
  out.result(r, () =>
    r.heads.length === 0
      ? which === 'current' ? 'base (no revision applied)' : 'no revisions'
      : r.heads.map((h) => (graph.has(h) ? revisionLine(h, graph.get(h).message, which === 'heads' ? ['head'] : []) : `${h}  (unknown to this folder)`)),
  );
  return 0;
}
