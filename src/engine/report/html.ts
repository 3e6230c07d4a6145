/**
 * The HTML report: one self-contained file (inline CSS, no script, no network) to keep as a build artifact.
 * It shows the responsibility matrix the editor's view shows (layers × IaaS/PaaS/SaaS, owners, open findings
 * and a score per cell, computed by the same `buildMatrix`), the open findings by layer then resource, the
 * suppressed ones with their reasons in a collapsed section, and the scan's errors and notes.
 *
 * Every string that comes from a scanned file (names, messages, paths, reasons) goes through `esc`, and the
 * page's Content-Security-Policy allows no script and no fetch, so a hostile resource name stays text.
 */
import type { Finding } from '../core/finding';
import { ownerLabel } from '../editor-support/explain';
import { buildMatrix, formatScore, type Matrix, type MatrixCell } from '../editor-support/matrix';
import { LAYERS, type Layer, type ServiceModel } from '../responsibility/layers';
import { allRules, ruleById, ruleDocsUrl } from '../rules/registry';
import type { FileReport, PositionedError, PositionedFinding } from './file-report';
import { REPORT_CSS } from './html-style';

export interface HtmlOptions {
  /** Shown in the footer ("Responsibility Lens 0.1.0"). */
  readonly toolVersion?: string;
  /** Where the SARIF report of the same scan is, when one was written beside this one. */
  readonly sarifHref?: string;
}

const MODELS: readonly ServiceModel[] = ['IaaS', 'PaaS', 'SaaS'];

export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A link target from outside (a path or URL): http(s) or relative only, never `javascript:` and the like. */
function safeHref(href: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) && !/^https?:/i.test(href) ? undefined : esc(href);
}

function where(file: string, line: number, column?: number): string {
  return `${esc(file)}:${line}${column === undefined ? '' : `:${column}`}`;
}

function matrixCell(cell: MatrixCell, layer: Layer): string {
  const owner = ownerLabel(cell.owner);
  const data = `data-layer="${cell.layer}" data-model="${cell.model}" data-owner="${cell.owner}" data-open="${cell.findings.length}" data-passed="${cell.passed}" data-applicable="${cell.applicable}"`;
  if (cell.owner === 'microsoft') {
    return `<td class="owner-microsoft" ${data}><span class="owner">${owner}</span><span class="note">${esc(layer.microsoftSecures ?? 'Microsoft secures this layer.')}</span></td>`;
  }
  if (!cell.inUse) {
    return `<td class="owner-${cell.owner} unused" ${data}><span class="owner">${owner}</span><span class="note">No ${cell.model} resources scanned</span></td>`;
  }
  const score = formatScore(cell);
  const state = cell.findings.length > 0 ? 'has-findings' : 'clean';
  return (
    `<td class="owner-${cell.owner} ${state}" ${data}><span class="owner">${owner}</span>` +
    `<span class="count">${cell.findings.length}</span> open<span class="score">${score ? `Score ${esc(score)}` : 'No checks apply'}</span></td>`
  );
}

function matrixTable(matrix: Matrix): string {
  const head = MODELS.map(
    (m) => `<th scope="col">${m}${matrix.models.includes(m) ? '' : ' <span class="muted">(not used)</span>'}</th>`,
  ).join('');
  const rows = LAYERS.map((layer) => {
    const cells = MODELS.map((m) => matrix.cells.find((c) => c.layer === layer.id && c.model === m)).filter(
      (c): c is MatrixCell => c !== undefined,
    );
    return `<tr><th scope="row" title="${esc(layer.covers)}">${esc(layer.title)}</th>${cells.map((c) => matrixCell(c, layer)).join('')}</tr>`;
  });
  return (
    `<table class="matrix" aria-label="Shared-responsibility matrix: layers by service model">\n<thead><tr><th scope="col">Layer</th>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>\n` +
    `<p class="legend"><span class="swatch owner-customer"></span>Customer <span class="swatch owner-shared"></span>Shared <span class="swatch owner-microsoft"></span>Microsoft · ` +
    'Open: unsuppressed findings. Score: controls passed / applicable (one per resource and rule), suppressed ones exempt.</p>'
  );
}

function findingItem(p: PositionedFinding): string {
  const f = p.finding;
  const rule = ruleById(f.ruleId);
  const fix = f.fixes[0];
  const facts: string[] = [
    `<dt>Where</dt><dd class="where">${where(f.file, p.start.line + 1, p.start.character + 1)}</dd>`,
  ];
  if (fix)
    facts.push(
      `<dt>Fix</dt><dd>${esc(fix.title)}${fix.safe ? ' <span class="tag">safe: rlens scan --fix</span>' : ''}</dd>`,
    );
  if (rule) facts.push(`<dt>${fix ? 'How' : 'Fix'}</dt><dd>${esc(rule.remediation)}</dd>`);
  if (rule && rule.mcsb.length > 0) facts.push(`<dt>MCSB</dt><dd>${rule.mcsb.map(esc).join(', ')}</dd>`);
  if (rule?.policy)
    facts.push(`<dt>Azure Policy</dt><dd>${esc(rule.policy.name)} <code>${esc(rule.policy.id)}</code></dd>`);
  if (f.suppressed) {
    const s = f.suppressed;
    facts.push(
      `<dt>Suppressed</dt><dd>${esc(s.reason)} <span class="tag">${esc(s.source)}</span>${s.expires ? ` <span class="tag">until ${esc(s.expires)}</span>` : ''}</dd>`,
    );
  }
  const related =
    p.related.length > 0
      ? `<ul class="related">${p.related.map((r) => `<li><span class="where">${where(r.file, r.start.line + 1, r.start.character + 1)}</span> ${esc(r.message)}</li>`).join('')}</ul>`
      : '';
  return (
    `<li class="sev-${f.severity}" data-rule="${esc(f.ruleId)}"><span class="sev">${f.severity}</span><a class="rule" href="${esc(ruleDocsUrl(f.ruleId))}">${esc(f.ruleId)}</a>` +
    `${rule ? `<span class="muted">${esc(rule.title)}</span>` : ''}${f.unknown ? '<span class="tag">value known only at deployment</span>' : ''}` +
    `<p class="message">${esc(f.message)}</p><dl class="facts">${facts.join('')}</dl>${related}</li>`
  );
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Findings grouped by resource (file, type, name), in the order their first finding appears; errors first within one. */
function byResource(findings: readonly PositionedFinding[]): string {
  const groups = new Map<string, PositionedFinding[]>();
  for (const p of findings) {
    const k = `${p.finding.file}\u0000${p.finding.resource.type}\u0000${p.finding.resource.name}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  return [...groups.values()]
    .map((g) => {
      const first = (g[0] as PositionedFinding).finding;
      const model = first.serviceModel ? ` · ${first.serviceModel}` : '';
      return (
        `<section class="resource"><header><strong>${esc(first.resource.name || first.resource.type)}</strong> <span class="type">${esc(first.resource.type)}${model}</span> ` +
        `<span class="where">${esc(first.file)}</span></header><ul class="findings">${[...g]
          .sort(
            (a, b) =>
              SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
              a.finding.span.start - b.finding.span.start,
          )
          .map(findingItem)
          .join('')}</ul></section>`
      );
    })
    .join('\n');
}

function byLayer(findings: readonly PositionedFinding[]): string {
  return LAYERS.flatMap((layer) => {
    const mine = findings.filter((p) => p.finding.layer === layer.id);
    if (mine.length === 0) return [];
    return [
      `<h3 id="layer-${layer.id}">${esc(layer.title)} <span class="muted">(${mine.length})</span></h3>\n<p class="muted">${esc(layer.covers)}</p>\n${byResource(mine)}`,
    ];
  }).join('\n');
}

function problemList(items: readonly PositionedError[]): string {
  return `<ul class="problems">${items.map((e) => `<li><span class="where">${e.start ? where(e.error.file, e.start.line + 1) : esc(e.error.file)}</span> ${esc(e.error.message)}</li>`).join('')}</ul>`;
}

/** File then position order, so the report reads like the files do. */
function ordered(reports: readonly FileReport[], keep: (f: Finding) => boolean): PositionedFinding[] {
  return reports
    .flatMap((r) => r.findings.filter((p) => keep(p.finding)))
    .sort((a, b) =>
      a.finding.file < b.finding.file
        ? -1
        : a.finding.file > b.finding.file
          ? 1
          : a.finding.span.start - b.finding.span.start,
    );
}

export function toHtml(reports: readonly FileReport[], options: HtmlOptions = {}): string {
  const matrix = buildMatrix(
    reports.map((r) => ({ file: r.file, resources: r.resourceList ?? [], findings: r.findings.map((p) => p.finding) })),
    allRules(),
  );
  const open = ordered(reports, (f) => !f.suppressed);
  const suppressed = ordered(reports, (f) => f.suppressed !== undefined);
  const errors = reports.flatMap((r) => r.errors);
  const notes = reports.flatMap((r) => r.notes);
  const templates = reports.filter((r) => r.format).length;
  const mine = matrix.cells.filter((c) => c.inUse && c.owner !== 'microsoft');
  const applicable = mine.reduce((n, c) => n + c.applicable, 0);
  const passed = mine.reduce((n, c) => n + c.passed, 0);
  const score =
    applicable > 0
      ? ` Your score: <strong>${passed}/${applicable}</strong> controls passed (${Math.round((passed / applicable) * 100)}%).`
      : '';
  const severities = (['error', 'warning', 'info'] as const)
    .map((s) => plural(open.filter((p) => p.finding.severity === s).length, s, s === 'info' ? 'info' : `${s}s`))
    .join(', ');
  const unanalysed = new Set(errors.map((e) => e.error.file)).size;
  const templateLevel =
    matrix.templateFindings.length > 0
      ? `<p class="muted">${plural(matrix.templateFindings.length, 'template-level finding')} (parameters) are not tied to a service model: they are yours in every model.</p>`
      : '';
  const sarif = options.sarifHref ? safeHref(options.sarifHref) : undefined;
  const parts = [
    `<h1>Responsibility Lens report</h1>`,
    `<p class="summary"><strong>${plural(open.length, 'open finding')}</strong> (${severities}) across ${plural(matrix.resourceCount, 'resource')} in ${plural(templates, 'template')}${matrix.models.length > 0 ? ` (${matrix.models.join(', ')})` : ''}.${score}` +
      `${suppressed.length > 0 ? ` ${suppressed.length} suppressed.` : ''}${unanalysed > 0 ? ` <strong>${plural(unanalysed, 'file')} could not be analysed.</strong>` : ''}</p>`,
    `<h2 id="matrix">Shared responsibility</h2>`,
    matrixTable(matrix),
    templateLevel,
    `<h2 id="findings">Open findings by layer</h2>`,
    open.length > 0 ? byLayer(open) : '<p>No open findings.</p>',
  ];
  if (suppressed.length > 0) {
    parts.push(
      `<details id="suppressed"><summary>${plural(suppressed.length, 'suppressed finding')}, with the reasons given</summary>\n${byResource(suppressed)}\n</details>`,
    );
  }
  if (errors.length > 0)
    parts.push(`<h2 id="errors">Could not be analysed (${plural(unanalysed, 'file')})</h2>`, problemList(errors));
  if (notes.length > 0)
    parts.push(
      `<h2 id="notes">Not looked into (${notes.length})</h2>`,
      `<p class="muted">Notes never fail a scan: modules the scan did not fetch or could not find.</p>`,
      problemList(notes),
    );
  parts.push(
    `<footer>Responsibility Lens${options.toolVersion ? ` ${esc(options.toolVersion)}` : ''}. ${plural(reports.length, 'file')} scanned.` +
      `${sarif ? ` Full machine-readable report: <a href="${sarif}">SARIF</a>.` : ''}</footer>`,
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Responsibility Lens report</title>
<style>${REPORT_CSS}</style></head>
<body>
${parts.filter((p) => p !== '').join('\n')}
</body></html>
`;
}
