import { relative } from 'node:path';
import { docs } from '../../api/docs.js';
import { openProject, type CommonOptions } from '../common-options.js';

/**
 * `docs [--out DIR]`: writes the register and the HTML page. The database is read only when one is
 * named with `--url` or `--env`, so documenting a project never needs a server.
 */
export async function docsCommand(o: CommonOptions & { out?: string }): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await docs(project, { out: o.out, database: Boolean(o.url || o.env) });
  out.result(r, () => [
    `Documented ${r.revisions} revision${r.revisions === 1 ? '' : 's'}${r.database ? ' with where they are applied' : ''}:`,
    ...r.files.map((f) => `  ${relative(process.cwd(), f) || f}`),
  ]);
  return 0;
}
