import { merge } from '../../api/write-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function mergeCommand(revisions: string[], o: CommonOptions & { message: string }): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await merge(project, revisions, o.message);
  out.result(r, () => `Created merge revision ${r.revision} of ${r.downRevisions.join(', ')}: ${r.file}`);
  return 0;
}
