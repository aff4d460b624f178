import { gdprMap } from '../../api/gdpr-map.js';
import { gdprScan } from '../../api/gdpr-scan.js';
import { UsageError } from '../../core/errors.js';
import { linkText, type GdprMapResult } from '../../gdpr/inventory.js';
import type { ScanFinding } from '../../gdpr/personal-data-scan.js';
import { processingRecord } from '../../gdpr/processing-record.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { EXIT } from '../exit-codes.js';

type GdprOptions = CommonOptions & { format?: string; sample?: string };

/**
 * `gdpr map [--format text|json|markdown]`: the personal-data inventory (exit 3, one line per
 * problem on stderr, when the map does not fit the database); `gdpr scan [--sample N]`: personal
 * data the map does not declare (exit 3 on findings).
 */
export async function gdprCommand(action: string, o: GdprOptions): Promise<number> {
  if (action === 'purge' || action === 'replay' || (action === 'erase' && (o as { subjectsFile?: string }).subjectsFile !== undefined)) return (await import('./gdpr-bulk.js')).gdprBulkCommand(action, o);
  if (action === 'export') return (await import('./gdpr-requests.js')).exportCommand(o);
  if (action === 'erase') return (await import('./gdpr-requests.js')).eraseCommand(o);
  if (action === 'map') return mapCommand(o);
  if (action === 'scan') return scanCommand(o);
  throw new UsageError(`unknown action 'gdpr ${action}'; use map, scan, export, erase, purge or replay (\`dihya help gdpr\`)`);
}

async function mapCommand(o: GdprOptions): Promise<number> {
  if (o.json && o.format && o.format !== 'json') throw new UsageError(`--json and --format ${o.format} ask for two outputs; pass one of them`);
  const format = o.json ? 'json' : (o.format ?? 'text');
  const { project } = await openProject(o);
  const result = await gdprMap(project);
  if (format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'markdown') process.stdout.write(processingRecord(result));
  else process.stdout.write(`${mapText(result).join('\n')}\n`);
  for (const problem of result.problems) process.stderr.write(`dihya: ${problem}\n`);
  return result.ok ? EXIT.ok : EXIT.checkFailed;
}

function mapText(result: GdprMapResult): string[] {
  const lines = [result.root ? `Subject: ${result.root.table}.${result.root.column}` : 'Subject: none declared'];
  for (const t of result.tables) {
    const facts = [t.basis, t.retention, t.strategy === 'delete' ? 'rows deleted on erasure' : null].filter((f) => f !== null);
    lines.push('', `${t.name}: ${linkText(t)}${facts.length ? `  [${facts.join(', ')}]` : ''}`);
    for (const c of t.columns) {
      lines.push(`  ${c.name}  ${c.category}  basis: ${c.basis ?? 'not declared'}  retention: ${c.retention ?? 'not declared'}  strategy: ${c.strategy}`);
    }
    if (t.notPersonal.length) lines.push(`  not personal: ${t.notPersonal.join(', ')}`);
  }
  if (!result.tables.length) lines.push('', 'The personal-data map is empty: annotate columns with personal: { category, strategy } in the declared schema or env.ts dataMap.');
  return lines;
}

async function scanCommand(o: GdprOptions): Promise<number> {
  const sample = o.sample === undefined ? undefined : /^\d+$/.test(o.sample) ? Number(o.sample) : NaN;
  if (Number.isNaN(sample)) throw new UsageError(`--sample ${o.sample} is not a whole number of rows; pass e.g. --sample 500`);
  const { project, out } = await openProject(o);
  const report = await gdprScan(project, sample === undefined ? {} : { sample });
  out.result(report, () =>
    report.findings.length === 0
      ? `OK: no undeclared personal data in ${report.tables} table${report.tables === 1 ? '' : 's'} (${report.sample} rows sampled per table).`
      : [
          ...report.findings.map(findingLine),
          `${report.findings.length} column${report.findings.length === 1 ? '' : 's'} may hold personal data the map does not declare; ` +
            "annotate each with personal: { category, strategy, … }, or personal: false when it holds none",
        ],
  );
  return report.findings.length ? EXIT.checkFailed : EXIT.ok;
}

function findingLine(f: ScanFinding): string {
  const reasons = [
    ...(f.name !== undefined ? [`name suggests ${f.name}`] : []),
    ...(f.values ?? []).map((v) => `${v.rows} sampled value${v.rows === 1 ? '' : 's'} detected as ${v.detector}`),
  ];
  return `${f.table}.${f.column}: ${reasons.join('; ')}`;
}
