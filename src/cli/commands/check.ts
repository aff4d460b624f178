import { check } from '../../api/schema-check.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function checkCommand(o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await check(project);
  out.result(r, () => {
    if (r.ok) return `OK: every revision is applied${r.schemaDeclared ? ' and the database matches the declared schema' : ''}.`;
    return [
      ...(r.pending.length ? [`${r.pending.length} revision${r.pending.length > 1 ? 's are' : ' is'} not applied: ${r.pending.join(', ')}; run \`dihya upgrade\``] : []),
      ...r.differences.map((d) => `${d.change}: ${d.object} (${d.detail})`),
      ...r.notes.map((n) => `note: ${n}`),
    ];
  });
  return r.ok ? 0 : 3;
}
