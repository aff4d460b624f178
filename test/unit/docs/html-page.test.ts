import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildDocsModel } from '../../../src/docs/docs-model.js';
import { htmlPage } from '../../../src/docs/html-page.js';
import { docsGraph } from './fixtures.js';

const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

describe('HTML page', () => {
  const page = htmlPage(buildDocsModel({
    graph: docsGraph({ left: { message: hostile, purpose: hostile, branchLabels: ['"><svg onload=alert(1)>'] } }),
    projectDir: '/project/migrations',
    git: new Map([['left.ts', { author: '<b>Eve</b>', date: '2026-01-01T00:00:00+00:00' }]]),
    database: null,
  }));

  test('text from revision files and git is escaped in the table and the SVG', () => {
    assert.equal(page.match(/<script>/g)?.length, 1, 'only the page’s own script opens a script element');
    assert.ok(!page.includes('<img'));
    assert.ok(!page.includes('<svg onload'));
    assert.ok(!page.includes('<b>Eve'));
    assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(page.includes('&lt;b&gt;Eve&lt;/b&gt;'));
  });

  test('the page loads nothing from elsewhere', () => {
    assert.doesNotMatch(page, /<(link|img|iframe)\b|\bsrc=["']?(https?:)?\/\//i);
    assert.doesNotMatch(page, /<script[^>]*\bsrc=/);
    assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
  });

  test('without a database there is no applied column, no applied node and no audit timeline', () => {
    assert.doesNotMatch(page, /class="node[^"]*applied/);
    assert.doesNotMatch(page, /<th>Applied<\/th>/);
    assert.doesNotMatch(page, /id="audit"/);
    assert.match(page, /7 revisions; no database was read/);
  });
});
