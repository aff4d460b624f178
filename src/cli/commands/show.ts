import { show } from '../../api/inspect-commands.js';
import { openProject, type CommonOptions } from '../common-options.js';

export async function showCommand(rev: string, o: CommonOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const r = await show(project, rev);
  out.result(r, () => [
    `Revision:  ${r.revision}${r.head ? ' (head)' : ''}`,
    `Parents:   ${r.downRevisions.join(', ') || '<base>'}`,
    ...(r.dependsOn.length ? [`Depends on: ${r.dependsOn.join(', ')}`] : []),
    ...(r.branchLabels.length ? [`Branch labels: ${r.branchLabels.join(', ')}`] : []),
    `Children:  ${r.children.join(', ') || '-'}`,
    `Message:   ${r.message}`,
    `Purpose:   ${r.purpose || '-'}`,
    `Impact:    ${r.impact || '-'}`,
    `Rollback:  ${r.rollback || '-'}`,
    `Critical:  ${r.critical ? 'yes' : 'no'}${r.phase ? `   Phase: ${r.phase}` : ''}`,
    `File:      ${r.file}`,
    `Checksum:  ${r.checksum}`,
    `Applied:   ${r.applied ? `yes${r.appliedAt ? `, ${r.appliedAt} by ${r.appliedBy}` : ' (stamped)'}` : 'no'}`,
  ]);
  return 0;
}
