/**
 * The responsibility view's HTML, rendered on the extension side so the matrix (and its counts) is in the DOM
 * before any script runs. No editor API here: it is unit-tested as plain text.
 */
import { DEPLOYMENT_MODELS, LAYERS, type Finding } from '../engine';
import { formatScore, ownerLabel, type Matrix, type MatrixCell } from '../engine/editor-support';

export interface ViewAssets {
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * What the numbers cover: the files open in the editor until a workspace scan has run, then the workspace (as of
 * that scan). A workspace claim is never made from open files alone.
 */
export type ViewScope = { readonly kind: 'open-files' } | { readonly kind: 'workspace'; readonly scannedAt: string };

export function scopeLabel(scope: ViewScope): string {
  return scope.kind === 'workspace' ? `in the workspace (scanned at ${scope.scannedAt})` : 'in open files';
}

/** What the script needs to list a cell's findings: already-relative paths and 1-based lines. */
export interface ViewFinding {
  readonly ruleId: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly resource: string;
  readonly where: string;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function cellId(cell: Pick<MatrixCell, 'layer' | 'model'>): string {
  return `${cell.layer}|${cell.model}`;
}

function cellHtml(cell: MatrixCell, secures: string | undefined): string {
  const owner = ownerLabel(cell.owner);
  const attrs = `data-cell="${escapeHtml(cellId(cell))}" data-open="${cell.findings.length}" data-owner="${cell.owner}"`;
  if (cell.owner === 'microsoft') {
    const text = `${secures ?? 'Microsoft secures this layer.'} No template setting changes this.`;
    return `<td class="cell owner-microsoft"><div ${attrs} class="static" title="${escapeHtml(text)}"><span class="owner">${owner}</span><span class="note">${escapeHtml(text)}</span></div></td>`;
  }
  if (!cell.inUse) {
    return `<td class="cell owner-${cell.owner} unused"><div ${attrs} class="static"><span class="owner">${owner}</span><span class="note">No resource of this model</span></div></td>`;
  }
  const score = formatScore(cell);
  const state = cell.findings.length > 0 ? 'has-findings' : 'clean';
  const label = `${owner}: ${cell.findings.length} open finding${cell.findings.length === 1 ? '' : 's'}${score ? `, score ${score}` : ''}`;
  return (
    `<td class="cell owner-${cell.owner} ${state}"><button type="button" ${attrs} aria-label="${escapeHtml(label)}">` +
    `<span class="owner">${owner}</span><span class="open"><span class="count">${cell.findings.length}</span> open</span>` +
    `<span class="score">${score ? `Score ${escapeHtml(score)}` : 'No checks apply'}</span></button></td>`
  );
}

export function renderView(
  matrix: Matrix,
  findings: readonly ViewFinding[],
  assets: ViewAssets,
  scope: ViewScope = { kind: 'open-files' },
): string {
  const rows = LAYERS.map((layer) => {
    const cells = DEPLOYMENT_MODELS.map((m) => matrix.cells.find((c) => c.layer === layer.id && c.model === m)).filter(
      (c): c is MatrixCell => c !== undefined,
    );
    return `<tr><th scope="row" title="${escapeHtml(layer.covers)}">${escapeHtml(layer.title)}</th>${cells.map((c) => cellHtml(c, layer.microsoftSecures)).join('')}</tr>`;
  }).join('\n');
  const heads = DEPLOYMENT_MODELS.map(
    (m) => `<th scope="col" class="${m !== 'On-premises' && matrix.models.includes(m) ? 'in-use' : ''}">${m}</th>`,
  ).join('');
  const mine = matrix.cells.filter((c) => c.inUse && c.owner !== 'microsoft');
  const applicable = mine.reduce((n, c) => n + c.applicable, 0);
  const passed = mine.reduce((n, c) => n + c.passed, 0);
  const open = matrix.findings.length;
  const summary =
    matrix.resourceCount === 0
      ? `No Azure resources ${scope.kind === 'workspace' ? 'in the workspace' : 'in open files'}.${scope.kind === 'workspace' ? '' : ' Open a template or run <em>Scan Workspace</em>.'}`
      : `<span id="total-open">${open}</span> open finding${open === 1 ? '' : 's'} across ${matrix.resourceCount} resource${matrix.resourceCount === 1 ? '' : 's'} (${matrix.models.join(', ') || 'no service model'}). ` +
        (applicable > 0
          ? `Your score: <strong>${passed}/${applicable}</strong> controls passed (${Math.round((passed / applicable) * 100)}%).`
          : '');
  const template =
    matrix.templateFindings.length > 0
      ? `<p class="template"><button type="button" data-cell="template" data-open="${matrix.templateFindings.length}">${matrix.templateFindings.length} template-level finding(s)</button> (parameters: yours in every model)</p>`
      : '';
  const data = JSON.stringify({
    findings,
    cells: Object.fromEntries([
      ...matrix.cells.map((c) => [cellId(c), c.findings] as const),
      ['template', matrix.templateFindings] as const,
    ]),
  }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${assets.cspSource}; img-src ${assets.cspSource}; script-src 'nonce-${assets.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${assets.styleUri}"><title>Responsibility</title></head>
<body>
<h1>Shared responsibility <span id="scope">${escapeHtml(scopeLabel(scope))}</span></h1>
<p class="summary">${summary}</p>
<table id="matrix" aria-label="Shared-responsibility matrix: layers by deployment model">
<thead><tr><th scope="col">Layer</th>${heads}</tr></thead>
<tbody>
${rows}
</tbody></table>
${template}
<p class="legend"><span class="swatch owner-customer"></span>Customer <span class="swatch owner-shared"></span>Shared <span class="swatch owner-microsoft"></span>Microsoft · Score: controls passed / applicable, suppressed ones exempt.</p>
<section id="details" aria-live="polite"><p class="hint">Select a cell to list its findings.</p></section>
<script type="application/json" id="data" nonce="${assets.nonce}">${data}</script>
<script nonce="${assets.nonce}" src="${assets.scriptUri}"></script>
</body></html>`;
}
