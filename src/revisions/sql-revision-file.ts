import { RevisionSyntaxError } from '../core/errors.js';
import type { Phase, RevisionMeta } from './revision.js';

/** A hand-written SQL revision: its header and its two sections, not yet split into statements. */
export interface SqlRevisionText {
  readonly meta: RevisionMeta;
  readonly up: string;
  readonly down: string | null;
}

const KEYS = new Set(['revision', 'down-revision', 'depends-on', 'branch-labels', 'message', 'purpose', 'impact', 'rollback', 'critical', 'phase']);
const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/**
 * Parses the `-- dihya:<key> <value>` header of a SQL revision and its `-- dihya:up` and
 * `-- dihya:down` sections. Text keys (purpose, impact, rollback) may be repeated to continue
 * on several lines.
 */
export function parseSqlRevision(file: string, text: string): SqlRevisionText {
  const values = new Map<string, string>();
  const sections: Record<'up' | 'down', string[] | null> = { up: null, down: null };
  let section: 'up' | 'down' | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^\s*--\s*dihya:([a-z-]+)\s*(.*)$/.exec(line);
    if (m) {
      const key = m[1]!;
      if (key === 'up' || key === 'down') {
        if (sections[key]) throw new RevisionSyntaxError(file, `line ${i + 1}: a second -- dihya:${key} section; keep one`);
        section = key;
        sections[key] = [];
        return;
      }
      if (!KEYS.has(key)) throw new RevisionSyntaxError(file, `line ${i + 1}: unknown header key dihya:${key}`);
      if (section) throw new RevisionSyntaxError(file, `line ${i + 1}: header key dihya:${key} after the -- dihya:up line; move it to the header`);
      const prev = values.get(key);
      values.set(key, prev ? `${prev}\n${m[2]!.trim()}` : m[2]!.trim());
      return;
    }
    if (section) sections[section]!.push(line);
  });
  const revision = values.get('revision');
  if (!revision) throw new RevisionSyntaxError(file, 'missing -- dihya:revision <id> header');
  if (!values.has('down-revision')) {
    throw new RevisionSyntaxError(file, "missing -- dihya:down-revision header (leave its value empty for the first revision)");
  }
  if (!sections.up) throw new RevisionSyntaxError(file, 'missing -- dihya:up section');
  const phase = values.get('phase');
  if (phase && !['expand', 'migrate', 'contract'].includes(phase)) {
    throw new RevisionSyntaxError(file, `phase '${phase}' is not one of expand, migrate, contract`);
  }
  const down = sections.down?.join('\n').trim();
  return {
    meta: {
      id: revision,
      downRevisions: list(values.get('down-revision')).filter((v) => v !== 'none' && v !== 'null'),
      dependsOn: list(values.get('depends-on')),
      branchLabels: list(values.get('branch-labels')),
      message: values.get('message') ?? '',
      purpose: values.get('purpose') ?? '',
      impact: values.get('impact') ?? '',
      rollback: values.get('rollback') ?? '',
      critical: /^(true|yes|1)$/i.test(values.get('critical') ?? ''),
      phase: phase as Phase | undefined,
    },
    up: sections.up.join('\n').trim(),
    down: down ? down : null,
  };
}
