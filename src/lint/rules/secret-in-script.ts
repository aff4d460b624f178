import type { LintRule } from '../rule.js';
import { scanText } from '../scan-text.js';

/** Secrets and personal data written in clear in a migration file, env.ts or a template. */
export const secretInScript: LintRule = {
  id: 'secret-in-script',
  code: 'DL301',
  title: 'secret or personal data in clear',
  severity: 'error',
  why:
    'Migration files, env.ts and templates are committed, reviewed, copied into CI logs and kept forever in the history: a password, ' +
    'token or key there is leaked, and personal data there escapes every erasure request.',
  fix: 'Read secrets from the environment (process.env.X, DIHYA_<ENV>_URL) and keep personal data out of migrations; rotate any secret that was committed.',
  checkFiles(ctx) {
    for (const f of ctx.files) {
      for (const hit of scanText(f.text)) {
        const kind = hit.kind === 'secret' ? 'secret' : 'personal data';
        ctx.report(f.file, { line: hit.line, column: hit.column, anchorLine: hit.line }, `${hit.title} in clear (${kind}: ${hit.redacted})`);
      }
    }
  },
};
