/**
 * The human report: `path:line:col severity ruleId message [layer · owner]`, grouped by file, then a count by
 * severity and, per layer, what is the customer's to fix and what is shared with Microsoft.
 */
import type { Severity } from '../core/finding';
import { LAYERS, layerById } from '../responsibility/layers';
import type { FileReport } from './file-report';

export interface TextOptions {
  readonly showSuppressed?: boolean;
  /** ANSI colours (a terminal that asked for them: the CLI checks the TTY, NO_COLOR and --no-color). */
  readonly colour?: boolean;
}

const SGR = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
const SEVERITY_COLOUR: Readonly<Record<Severity, keyof typeof SGR>> = { error: 'red', warning: 'yellow', info: 'cyan' };

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

export function toText(reports: readonly FileReport[], options: TextOptions = {}): string {
  const paint = (style: keyof typeof SGR, text: string): string =>
    options.colour ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const perLayer = new Map<string, { customer: number; shared: number }>();
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let total = 0;
  let suppressed = 0;
  for (const r of reports) {
    const shown = r.findings.filter((f) => options.showSuppressed || !f.finding.suppressed);
    suppressed += r.findings.length - r.findings.filter((f) => !f.finding.suppressed).length;
    if (shown.length === 0 && r.errors.length === 0 && r.notes.length === 0) continue;
    lines.push(paint('bold', r.file));
    for (const e of r.errors)
      lines.push(
        `  ${e.error.file}${e.start ? `:${e.start.line + 1}:${e.start.character + 1}` : ''} ${paint('red', 'error')} ${e.error.message}`,
      );
    // Notes say what the scan did not look into (registry modules, unreadable module files): not failures.
    for (const n of r.notes)
      lines.push(`  ${n.error.file}${n.start ? `:${n.start.line + 1}` : ''} note ${n.error.message}`);
    for (const { finding: f, start, related } of shown) {
      const where = paint('dim', `${f.file}:${start.line + 1}:${start.character + 1}`);
      const tag = f.suppressed ? ` (suppressed: ${f.suppressed.reason})` : '';
      // The customer's alone is the usual case; a layer shared with Microsoft says so on the line.
      const owner = f.owner === 'customer' ? '' : ` · ${f.owner}`;
      lines.push(
        `  ${where} ${paint(SEVERITY_COLOUR[f.severity], f.severity)} ${f.ruleId} ${f.message} [${layerById(f.layer).title}${owner}]${tag}`,
      );
      // Where the value comes from (a parameter file, a tfvars entry) is where it is usually changed.
      for (const x of related) lines.push(`    ${x.file}:${x.start.line + 1}:${x.start.character + 1} ${x.message}`);
      if (!f.suppressed) {
        const counts = perLayer.get(f.layer) ?? { customer: 0, shared: 0 };
        if (f.owner === 'customer') counts.customer++;
        else counts.shared++;
        perLayer.set(f.layer, counts);
        bySeverity[f.severity]++;
        total++;
      }
    }
    lines.push('');
  }
  const scanned = reports.filter((r) => r.format).length;
  const severities = (['error', 'warning', 'info'] as const)
    .filter((s) => bySeverity[s] > 0)
    .map((s) => paint(SEVERITY_COLOUR[s], s === 'info' ? `${bySeverity[s]} info` : plural(bySeverity[s], s)));
  const head = `${plural(total, 'finding')} in ${plural(scanned, 'template')}`;
  lines.push(
    `${head}${severities.length > 0 ? `: ${severities.join(', ')}` : ''}${suppressed ? ` (${suppressed} suppressed)` : ''}.`,
  );
  for (const layer of LAYERS) {
    const n = perLayer.get(layer.id);
    if (!n) continue;
    const parts = [n.customer ? 'yours to fix' : '', n.shared ? 'shared with Microsoft' : ''].filter(Boolean);
    const detail = parts.length === 2 ? `${n.customer} yours to fix, ${n.shared} shared with Microsoft` : parts[0];
    lines.push(`  ${layer.title}: ${n.customer + n.shared} (${detail})`);
  }
  return `${lines.join('\n')}\n`;
}
