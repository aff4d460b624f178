import type { DocsModel, DocsRevision } from './docs-model.js';
import { escapeHtml as h } from './escape.js';
import { svgGraph } from './svg-graph.js';

/**
 * A self-contained page: the graph, a searchable table of revisions and, when a database was read,
 * the audit timeline. CSS and script are inline and nothing is fetched, so the file can be opened
 * from disk, attached to a ticket or archived.
 *
 * @example writeFileSync('index.html', htmlPage(model));
 */
export function htmlPage(model: DocsModel): string {
  const db = model.database;
  const applied = model.revisions.filter((r) => r.applied).length;
  const summary = db
    ? `${model.revisions.length} revisions; ${applied} applied on <code>${h(db.url)}</code> (environment <code>${h(db.environment)}</code>).`
    : `${model.revisions.length} revisions; no database was read.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Migrations</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>Migrations</h1><p>${summary} Generated ${h(model.generatedAt)}.</p></header>
<section id="graph"><h2>Revision graph</h2>
<p class="legend"><span class="key node"></span> revision <span class="key merge"></span> merge <span class="key head"></span> head <span class="key critical"></span> critical${db ? ' <span class="key applied"></span> applied' : ''} <svg width="28" height="8"><path class="edge depends" d="M0,4 L28,4"/></svg> depends on</p>
<div class="scroll">${svgGraph(model.revisions, db !== null)}</div></section>
<section id="table"><h2>Revisions</h2>
<input id="search" type="search" placeholder="Filter revisions (id, message, purpose, author…)" aria-label="Filter revisions">
<p id="count"></p>
<table id="revisions"><thead><tr><th>Revision</th><th>Message</th><th>Purpose</th><th>Impact</th><th>Rollback</th><th>Parents</th><th>Author</th>${db ? '<th>Applied</th>' : ''}</tr></thead>
<tbody>${model.revisions.map((r) => row(r, db !== null)).join('\n')}</tbody></table></section>
${db ? timeline(model) : ''}
${model.sections.map((s) => `<section id="section-${h(s.id)}"><h2>${h(s.title)}</h2>${s.html}</section>`).join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function row(r: DocsRevision, withDatabase: boolean): string {
  const tags = [r.head ? 'head' : '', r.merge ? 'merge' : '', r.critical ? 'critical' : '', r.phase ?? '', ...r.branchLabels.map((l) => `@${l}`)].filter(Boolean);
  const cells = [
    `<code>${h(r.id)}</code>${tags.map((t) => ` <span class="tag">${h(t)}</span>`).join('')}`,
    h(r.message),
    h(r.purpose),
    h(r.impact),
    h(r.rollback),
    [...r.parents.map((p) => `<code>${h(p)}</code>`), ...r.dependsOn.map((d) => `<code class="depends">${h(d)}</code> (depends)`)].join(' ') || 'base',
    r.git ? `${h(r.git.author)}<br><small>${h(r.git.date)}</small>` : '—',
  ];
  if (withDatabase) cells.push(r.applied ? `${h(r.applied.at ?? 'stamped')}${r.applied.host ? `<br><small>${h(r.applied.by ?? '')}@${h(r.applied.host)}</small>` : ''}` : 'pending');
  return `<tr data-revision="${h(r.id)}" class="${r.applied ? 'applied' : ''}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function timeline(model: DocsModel): string {
  const a = model.database!.audit;
  const items = a.events.map(
    (e) =>
      `<li class="event ${h(e.event)}"><time>${h(e.at)}</time> <strong>${h(e.event)}</strong> ${e.revision ? `<code>${h(e.revision)}</code>` : ''} ` +
      `<span>by ${h(e.actor)}${e.durationMs !== null ? `, ${e.durationMs} ms` : ''}</span></li>`,
  );
  const chain = a.chainIntact ? 'hash chain intact' : 'hash chain BROKEN: run dihya audit verify';
  return `<section id="audit"><h2>Audit trail</h2><p>${a.count} events; ${h(chain)}; last hash <code>${h(a.lastHash)}</code>.</p>
<ol class="timeline">${items.join('\n')}</ol></section>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1400px;padding:0 24px 48px;color:#1d2330;background:#fbfbfd}
h1{margin:24px 0 4px}h2{margin:28px 0 8px;font-size:18px}code{font:12px ui-monospace,Menlo,Consolas,monospace}
.scroll{overflow:auto;max-height:80vh;border:1px solid #dde1ea;background:#fff;border-radius:6px}
.edge{fill:none;stroke:#8a94a8;stroke-width:1.6}.edge.depends{stroke:#c27c0e;stroke-dasharray:5 4}
.node circle,.node rect{fill:#fff;stroke:#4a5670;stroke-width:2}.node.merge rect{fill:#e8ecf7}
.node.applied circle,.node.applied rect{fill:#2f9e5a;stroke:#1f6e3e}.node.critical circle,.node.critical rect{stroke:#c0392b}
.node circle.head-ring{fill:none;stroke:#3559c7;stroke-width:2}
.label{font-size:13px}.label .id{font-family:ui-monospace,Menlo,Consolas,monospace;fill:#3559c7}.label .tags{fill:#6b7488;font-size:11px}
.legend{color:#4a5670}.key{display:inline-block;width:11px;height:11px;border:2px solid #4a5670;border-radius:50%;vertical-align:middle;margin-left:10px}
.key.merge{border-radius:0;transform:rotate(45deg);background:#e8ecf7}.key.head{border-color:#3559c7;box-shadow:0 0 0 2px #fff,0 0 0 4px #3559c7}.key.applied{background:#2f9e5a;border-color:#1f6e3e}.key.critical{border-color:#c0392b}
#search{width:100%;max-width:520px;padding:8px 10px;font-size:14px;border:1px solid #c3c9d6;border-radius:6px}
table{border-collapse:collapse;width:100%;margin-top:8px;background:#fff}th,td{border-bottom:1px solid #e4e7ee;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f1f3f8;position:sticky;top:0}tr.applied td:first-child{border-left:4px solid #2f9e5a}
.tag{display:inline-block;font-size:11px;background:#eef1f8;border-radius:3px;padding:0 4px;color:#3c4660}
.timeline{list-style:none;padding-left:0;border-left:3px solid #dde1ea}.timeline li{padding:3px 0 3px 12px;position:relative}
.timeline li::before{content:"";position:absolute;left:-7px;top:9px;width:9px;height:9px;border-radius:50%;background:#8a94a8}
.timeline li.upgrade::before{background:#2f9e5a}.timeline li.downgrade::before{background:#c27c0e}.timeline li.failure::before{background:#c0392b}
time{font:12px ui-monospace,Menlo,Consolas,monospace;color:#6b7488}
`;

// Filters the table on every keystroke: a row stays when all the words typed appear in its text.
const SCRIPT = `
(function(){
  var input=document.getElementById('search');
  var rows=Array.prototype.slice.call(document.querySelectorAll('#revisions tbody tr'));
  var count=document.getElementById('count');
  var texts=rows.map(function(r){return r.textContent.toLowerCase();});
  function apply(){
    var words=input.value.toLowerCase().split(/\\s+/).filter(Boolean);var shown=0;
    rows.forEach(function(r,i){var ok=words.every(function(w){return texts[i].indexOf(w)!==-1;});r.hidden=!ok;if(ok)shown++;});
    count.textContent=shown+' of '+rows.length+' revisions';
  }
  input.addEventListener('input',apply);apply();
})();
`;
