import { UndeclaredIrreversibleError } from '../core/errors.js';
import type { Operation } from '../operations/operation.js';
import type { Plan } from '../revisions/plan.js';
import type { Revision } from '../revisions/revision.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { collectOperations } from './execute-operations.js';
import { gdprKey } from '../core/gdpr-key.js';

/** How a rollback text says a change cannot be reverted (English and French). */
const SAYS_IRREVERSIBLE = /irreversible|irréversible|cannot be undone|can't be undone|ne peut pas être annulé/i;

/**
 * Checks, before any step runs, every revision of a plan that anonymizes data: its `rollback`
 * text must say the change is irreversible (UndeclaredIrreversibleError otherwise), and a
 * pseudonymization needs `DIHYA_GDPR_KEY` (ConfigError otherwise). So a refused plan changes nothing.
 *
 * @example await requireIrreversibleNotice(graph, plan);
 */
export async function requireIrreversibleNotice(graph: RevisionGraph<Revision>, plan: Plan): Promise<void> {
  for (const step of plan.steps) {
    const revision = graph.get(step.revision);
    const body = await revision.load();
    const fn = step.direction === 'up' ? body.up : body.down;
    if (!fn) continue;
    const anonymizing = (await collectOperations(fn)).filter((op): op is Extract<Operation, { kind: 'anonymizeColumn' }> => op.kind === 'anonymizeColumn');
    const [first] = anonymizing;
    if (!first) continue;
    if (!SAYS_IRREVERSIBLE.test(revision.rollback)) {
      throw new UndeclaredIrreversibleError(revision.id, `anonymizeColumn('${first.table}', '${first.column}', '${first.strategy}')`);
    }
    if (anonymizing.some((op) => op.strategy === 'pseudonymize')) gdprKey();
  }
}
