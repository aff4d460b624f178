import { UndeclaredIrreversibleError } from '../core/errors.js';
import type { Operation } from '../operations/operation.js';
import type { Plan, Step } from '../revisions/plan.js';
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
 * Returns the operations it collected, by `stepKey`, so the runner need not call `up`/`down` again.
 *
 * @example const collected = await requireIrreversibleNotice(graph, plan);
 */
export async function requireIrreversibleNotice(graph: RevisionGraph<Revision>, plan: Plan): Promise<Map<string, readonly Operation[]>> {
  const collected = new Map<string, readonly Operation[]>();
  for (const step of plan.steps) {
    const revision = graph.get(step.revision);
    const body = await revision.load();
    const fn = step.direction === 'up' ? body.up : body.down;
    if (!fn) continue;
    const operations = await collectOperations(fn);
    collected.set(stepKey(step), operations);
    const anonymizing = operations.filter((op): op is Extract<Operation, { kind: 'anonymizeColumn' }> => op.kind === 'anonymizeColumn');
    const [first] = anonymizing;
    if (!first) continue;
    if (!SAYS_IRREVERSIBLE.test(revision.rollback)) {
      throw new UndeclaredIrreversibleError(revision.id, `anonymizeColumn('${first.table}', '${first.column}', '${first.strategy}')`);
    }
    if (anonymizing.some((op) => op.strategy === 'pseudonymize')) gdprKey();
  }
  return collected;
}

/**
 * The key of a step in the map `requireIrreversibleNotice` returns.
 *
 * @example collected.get(stepKey({ revision: 'ae1027a6acf', direction: 'up' }));
 */
export function stepKey(step: Pick<Step, 'revision' | 'direction'>): string {
  return `${step.direction}:${step.revision}`;
}
