import { validate } from '../../api/inspect-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function validateCommand(o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await validate(project);
  out.result(r, () =>
    r.ok
      ? `OK: ${r.checked} applied revision${r.checked === 1 ? '' : 's'} match their files.`
      : [
          ...r.changed.map((c) => `changed: ${c.revision} (${c.file}) differs from what was applied; restore it and write a new revision instead`),
          ...r.missing.map((m) => `missing: ${m} is applied but no file in versions/ defines it`),
        ],
  );
  return r.ok ? 0 : 3;
}
