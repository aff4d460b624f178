import { audit, verifyAudit } from '../../api/inspect-commands.js';
import { UsageError } from '../../core/errors.js';
import { openProject, type CommonOptions } from '../common-options.js';

/** `audit [--since ISO]` lists the trail; `audit verify` checks its hash chain. */
export async function auditCommand(action: string | undefined, o: CommonOptions & { since?: string }): Promise<number> {
  if (action !== undefined && action !== 'verify') throw new UsageError(`unknown audit action '${action}'; use \`dihya audit\` or \`dihya audit verify\``);
  let since: Date | undefined;
  if (o.since) {
    since = new Date(o.since);
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since '${o.since}' is not an ISO date (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)`);
  }
  const { project, out } = await openProject(o);
  if (action === 'verify') {
    const r = await verifyAudit(project);
    out.result(r, () =>
      r.ok
        ? `OK: ${r.count} audit event${r.count === 1 ? '' : 's'}, hash chain intact; last hash ${r.lastHash}`
        : r.problems.map((p) => `audit row ${p.id}: ${p.problem}`),
    );
    return r.ok ? 0 : 3;
  }
  const r = await audit(project, since);
  out.result(r, () =>
    r.events.length === 0
      ? 'no audit events'
      : r.events.map((e) => `${e.id}  ${e.at}  ${e.event.padEnd(9)}  ${e.revision ?? '-'}  ${e.durationMs ?? '-'} ms  by ${e.actor}`),
  );
  return 0;
}
