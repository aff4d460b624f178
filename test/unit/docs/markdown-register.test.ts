import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDocsModel } from '../../../src/docs/docs-model.js';
import { markdownRegister } from '../../../src/docs/markdown-register.js';
import type { AuditEvent } from '../../../src/runner/audit-trail.js';
import { docsGraph } from './fixtures.js';

const event = (id: number, revision: string, at: string): AuditEvent => ({
  id, at, event: 'upgrade', revision, durationMs: 3, checksum: null, actor: 'ci', details: {}, prevHash: '', hash: `h${id}`,
});

function register(withDatabase: boolean): string {
  const graph = docsGraph();
  return markdownRegister(buildDocsModel({
    graph,
    projectDir: '/project/migrations',
    git: new Map([['right.ts', { author: 'Amina', date: '2026-02-03T10:00:00+01:00' }]]),
    database: withDatabase
      ? {
          environment: 'production', url: 'postgres://app:***@db/app', heads: ['one'],
          history: [{ revision: 'base', message: '', checksum: '', appliedAt: '2026-03-01T08:00:00.000Z', durationMs: 12, appliedBy: 'deploy', host: 'runner-7', toolVersion: '0.1.0' }],
          audit: { events: [event(1, 'base', '2026-03-01T08:00:00.000Z'), event(2, 'one', '2026-03-01T08:00:01.000Z')], lastHash: 'h2', problems: 0 },
        }
      : null,
    sections: [{ id: 'extra', title: 'Extra section', markdown: 'contributed text', html: '' }],
  }));
}

const section = (md: string, id: string) => md.split(/^### /m).find((s) => s.startsWith(`\`${id}\``))!;

describe('Markdown register', () => {
  test('lists every revision base first with each field', () => {
    const md = register(false);
    const ids = [...md.matchAll(/^### `(\w+)`/gm)].map((m) => m[1]);
    assert.deepEqual(ids, docsGraph().all().map((r) => r.id));
    assert.equal(ids[0], 'base');
    const right = section(md, 'right');
    assert.match(right, /^`right` message of right \(\*\*critical\*\*\)/);
    for (const line of [
      '- **Purpose:** purpose of right', '- **Impact:** impact of right', '- **Rollback:** rollback of right', '- **Critical:** yes',
      '- **Phase:** expand', '- **Parents:** `one`', '- **Depends on:** —', '- **Branch labels:** —', '- **File:** `versions/right.ts`',
      '- **Author:** Amina, 2026-02-03T10:00:00+01:00',
    ]) assert.ok(right.includes(line), `missing ${line}`);
    assert.ok(section(md, 'side').includes('- **Depends on:** `left`'));
    assert.ok(section(md, 'left').includes('- **Branch labels:** `l`'));
    assert.ok(section(md, 'merge').includes('- **Parents:** `left`, `right`'));
    assert.ok(section(md, 'base').includes('- **Parents:** none (base)'));
    assert.ok(!section(md, 'base').includes('Author'), 'a file git does not know has no author line');
    assert.ok(!md.includes('Applied'));
    assert.match(md, /No database was read/);
  });

  test('with a database: where and when each revision was applied, and the audit summary', () => {
    const md = register(true);
    assert.ok(section(md, 'base').includes('- **Applied:** 2026-03-01T08:00:00.000Z by deploy on runner-7 in 12 ms'));
    assert.ok(section(md, 'one').includes('- **Applied:** stamped (no history row)'));
    assert.ok(section(md, 'tip').includes('- **Applied:** no (pending)'));
    assert.match(md, /Database `postgres:\/\/app:\*\*\*@db\/app` \(environment `production`\): 2 applied, at `one`\./);
    assert.match(md, /## Audit trail\n\n2 events \(2 upgrade\) from 2026-03-01T08:00:00.000Z to 2026-03-01T08:00:01.000Z\.\nHash chain: intact; last hash `h2`\./);
  });

  test('sections contributed by other capabilities come last', () => {
    assert.match(register(true), /## Extra section\n\ncontributed text\n$/);
  });

  test('Markdown in a message cannot open HTML or a link', () => {
    const md = markdownRegister(buildDocsModel({
      graph: docsGraph({ tip: { message: '<script>x</script> [click](http://evil)' } }), projectDir: '/project/migrations', git: new Map(), database: null,
    }));
    assert.ok(section(md, 'tip').startsWith('`tip` &lt;script&gt;x&lt;/script&gt; \\[click\\](http://evil)'));
  });
});
