import { branches } from '../../api/inspect-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function branchesCommand(o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const graph = await project.graph();
  const r = await branches(project);
  out.result(r, () =>
    r.branches.length === 0
      ? 'no branch points'
      : r.branches.flatMap((b) => [`${b.revision}  ${graph.get(b.revision).message}  (branch point)`, ...b.children.map((c) => `  -> ${c}  ${graph.get(c).message}`)]),
  );
  return 0;
}
