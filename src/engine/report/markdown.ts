/**
 * A short Markdown summary for a pull-request comment or a CI job summary: open findings by layer and owner,
 * the top findings, what could not be analysed, and a link to the full SARIF report. It reads the JSON report
 * (the stable contract), so a CI step can write it from a JSON file the CLI wrote without scanning again.
 *
 * Everything taken from scanned files (messages carry resource names, paths) is escaped: a resource named
 * `<img src=x onerror=…>` or `![t](https://x)` shows as text, never as markup, in GitHub's renderer.
 */
import { LAYERS } from '../responsibility/layers';
import { ruleById, ruleDocsUrl } from '../rules/registry';
import type { JsonFinding, JsonReport } from './json';

export interface MarkdownOptions {
  /** Where the full SARIF report is (a relative path or a URL); the summary links to it. */
  readonly sarifHref?: string;
  /** How many findings the "top findings" table lists (default 10). */
  readonly top?: number;
}

const SEVERITY_RANK: Readonly<Record<string, number>> = { error: 0, warning: 1, info: 2 };
const RISK_RANK: Readonly<Record<string, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
const SEVERITY_ICON: Readonly<Record<string, string>> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/**
 * Text from a scanned file inside a table cell: on one line (a newline ends the row), with every character
 * that opens inline markup escaped (links and images need `[`, raw HTML `<`, entities `&`, cells `|`).
 * Block markup (`#`, `-`, `1.`) cannot start inside a cell, so those stay readable in the raw Markdown.
 */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`);
}

/** A code span that no backtick in `text` can close early; `|` escaped because GFM splits cells first. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** An href a report may carry: a URL of its own or a relative path (no `javascript:` or other schemes). */
function safeHref(href: string): string | undefined {
  const percent = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  if (/^https?:\/\//i.test(href)) return href.replace(/[\s()<>"'`\\[\]]/g, percent);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  return href.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function layerTitle(id: string): string {
  return LAYERS.find((l) => l.id === id)?.title ?? cell(id);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Errors before warnings before info; within a severity the rule's risk, then file and line. */
function byImportance(a: JsonFinding, b: JsonFinding): number {
  const risk = (f: JsonFinding): number => RISK_RANK[ruleById(f.ruleId)?.risk ?? 'low'] ?? 3;
  return (
    (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) ||
    risk(a) - risk(b) ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line
  );
}

/** Open findings per layer and owner, in the layers' order; only layers with findings. */
function layerTable(open: readonly JsonFinding[]): string[] {
  if (open.length === 0) return [];
  const rows = LAYERS.flatMap((layer) => {
    const mine = open.filter((f) => f.layer === layer.id);
    if (mine.length === 0) return [];
    const customer = mine.filter((f) => f.owner === 'customer').length;
    const shared = mine.filter((f) => f.owner === 'shared').length;
    return [`| ${layer.title} | ${customer} | ${shared} | ${mine.length} |`];
  });
  const customer = open.filter((f) => f.owner === 'customer').length;
  const shared = open.filter((f) => f.owner === 'shared').length;
  return [
    '| Layer | Customer | Shared | Open |',
    '|---|---:|---:|---:|',
    ...rows,
    `| **All layers** | **${customer}** | **${shared}** | **${open.length}** |`,
    '',
    '*Customer*: yours to fix in every service model. *Shared*: you and Microsoft each own part of the layer (PaaS networking, for example).',
    '',
  ];
}

function topTable(open: readonly JsonFinding[], top: number): string[] {
  if (open.length === 0 || top <= 0) return [];
  const shown = [...open].sort(byImportance).slice(0, top);
  return [
    `### Top findings${open.length > shown.length ? ` (${shown.length} of ${open.length})` : ''}`,
    '',
    '| Severity | Rule | Finding | Where | Layer |',
    '|---|---|---|---|---|',
    ...shown.map((f) => {
      const where = code(`${f.file}:${f.line}`);
      return `| ${SEVERITY_ICON[f.severity] ?? f.severity} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${cell(f.message)} | ${where} | ${layerTitle(f.layer)} |`;
    }),
    '',
  ];
}

function problems(title: string, items: JsonReport['errors'], limit: number): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, limit);
  return [
    `### ${title}`,
    '',
    ...shown.map((e) => `- ${code(e.line ? `${e.file}:${e.line}` : e.file)}: ${cell(e.message)}`),
    ...(items.length > shown.length ? [`- … and ${items.length - shown.length} more`] : []),
    '',
  ];
}

export function toMarkdown(report: JsonReport, options: MarkdownOptions = {}): string {
  const open = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.length - open.length;
  const templates = report.files.filter((f) => f.format !== null).length;
  const bySeverity = (['error', 'warning', 'info'] as const).map((s) =>
    plural(open.filter((f) => f.severity === s).length, s === 'info' ? 'info' : s, s === 'info' ? 'info' : `${s}s`),
  );
  const unanalysed = new Set(report.errors.map((e) => e.file)).size;
  const href = options.sarifHref ? safeHref(options.sarifHref) : undefined;
  const lines = [
    `## Responsibility Lens: ${plural(open.length, 'open finding')} in ${plural(templates, 'template')}`,
    '',
    `${bySeverity.join(', ')}${suppressed ? `; ${suppressed} suppressed` : ''}${unanalysed ? `; ${plural(unanalysed, 'file')} not analysed` : ''}.`,
    '',
    ...layerTable(open),
    ...topTable(open, options.top ?? 10),
    ...problems('Could not be analysed', report.errors, 20),
    ...problems('Not looked into', report.notes, 10),
    href
      ? `Full report: [SARIF](${href}) (every finding with its fix, MCSB control and Azure Policy).`
      : 'Full report: run `rlens scan --format sarif` or `--format html`.',
    '',
  ];
  return lines.join('\n');
}
