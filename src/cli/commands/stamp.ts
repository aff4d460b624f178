import { stamp } from '../../api/migrate-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function stampCommand(target: string, o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await stamp(project, target);
  out.result(r, () => `Stamped: ${r.from.join(', ') || 'base'} → ${r.heads.join(', ') || 'base'} (no migration ran; recorded in the audit trail)`);
  return 0;
}
