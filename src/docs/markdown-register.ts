import type { AuditSummary, DocsModel, DocsRevision } from './docs-model.js';
import { markdownCode as code, escapeMarkdown as md } from './escape.js';

const list = (items: readonly string[]) => (items.length ? items.map(code).join(', ') : '—');

/**
 * The Markdown register of the migrations: one section per revision, base first, with what it is
 * for, what it does to the database, how it rolls back, who wrote it and where it was applied.
 *
 * @example writeFileSync('migrations.md', markdownRegister(model));
 */
export function markdownRegister(model: DocsModel): string {
  const db = model.database;
  const lines = [
    '# Migration register',
    '',
    `Generated ${model.generatedAt}. ${model.revisions.length} revision${model.revisions.length === 1 ? '' : 's'}; graph heads: ${list(model.heads)}.`,
  ];
  if (db) {
    const applied = model.revisions.filter((r) => r.applied).length;
    lines.push('', `Database ${code(db.url)} (environment ${code(db.environment)}): ${applied} applied, at ${list(db.heads)}.`);
  } else {
    lines.push('', 'No database was read: where and when each revision was applied is not shown.');
  }
  lines.push('', '## Revisions');
  for (const r of model.revisions) lines.push('', ...revisionSection(r, db !== null));
  if (db) lines.push('', ...auditSection(db.audit));
  for (const s of model.sections) lines.push('', `## ${md(s.title)}`, '', s.markdown.trimEnd());
  return `${lines.join('\n')}\n`;
}

function revisionSection(r: DocsRevision, withDatabase: boolean): string[] {
  const tags = [r.head ? 'head' : '', r.merge ? 'merge' : '', r.critical ? '**critical**' : ''].filter(Boolean);
  const lines = [
    `### ${code(r.id)} ${md(r.message)}${tags.length ? ` (${tags.join(', ')})` : ''}`,
    '',
    `- **Purpose:** ${md(r.purpose) || '—'}`,
    `- **Impact:** ${md(r.impact) || '—'}`,
    `- **Rollback:** ${md(r.rollback) || '—'}`,
    `- **Critical:** ${r.critical ? 'yes' : 'no'}`,
    `- **Phase:** ${r.phase ?? '—'}`,
    `- **Parents:** ${r.parents.length ? list(r.parents) : 'none (base)'}`,
    `- **Depends on:** ${list(r.dependsOn)}`,
    `- **Branch labels:** ${list(r.branchLabels)}`,
    `- **File:** ${code(r.file)}`,
  ];
  if (r.git) lines.push(`- **Author:** ${md(r.git.author)}, ${r.git.date}`);
  if (withDatabase) {
    const a = r.applied;
    lines.push(
      a
        ? `- **Applied:** ${a.at ?? 'stamped (no history row)'}${a.by ? ` by ${md(a.by)}` : ''}${a.host ? ` on ${md(a.host)}` : ''}${a.durationMs !== null ? ` in ${a.durationMs} ms` : ''}`
        : '- **Applied:** no (pending)',
    );
  }
  return lines;
}

function auditSection(a: AuditSummary): string[] {
  const kinds = Object.entries(a.byEvent).map(([k, n]) => `${n} ${md(k)}`).join(', ');
  return [
    '## Audit trail',
    '',
    a.count === 0
      ? 'The audit trail is empty.'
      : `${a.count} event${a.count === 1 ? '' : 's'} (${kinds}) from ${a.first} to ${a.last}.`,
    `Hash chain: ${a.chainIntact ? 'intact' : '**broken** (run `dihya audit verify`)'}; last hash ${code(a.lastHash)}.`,
  ];
}
