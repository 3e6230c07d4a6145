/** The human report: `path:line:col severity ruleId message [layer]`, grouped by file, then a summary per layer. */
import { LAYERS, layerById } from '../responsibility/layers';
import type { FileReport } from './file-report';

export function toText(reports: readonly FileReport[], options: { showSuppressed?: boolean } = {}): string {
  const lines: string[] = [];
  const perLayer = new Map<string, number>();
  let total = 0;
  let suppressed = 0;
  for (const r of reports) {
    const shown = r.findings.filter((f) => options.showSuppressed || !f.finding.suppressed);
    suppressed += r.findings.length - r.findings.filter((f) => !f.finding.suppressed).length;
    if (shown.length === 0 && r.errors.length === 0 && r.notes.length === 0) continue;
    lines.push(r.file);
    for (const e of r.errors) lines.push(`  ${e.error.file}${e.start ? `:${e.start.line + 1}` : ''} error ${e.error.message}`);
    // Notes say what the scan did not look into (registry modules, unreadable module files): not failures.
    for (const n of r.notes) lines.push(`  ${n.error.file}${n.start ? `:${n.start.line + 1}` : ''} note ${n.error.message}`);
    for (const { finding: f, start, related } of shown) {
      const where = `${f.file}:${start.line + 1}:${start.character + 1}`;
      const tag = f.suppressed ? ` (suppressed: ${f.suppressed.reason})` : '';
      lines.push(`  ${where} ${f.severity} ${f.ruleId} ${f.message} [${layerById(f.layer).title}]${tag}`);
      // Where the value comes from (a parameter file, a tfvars entry) is where it is usually changed.
      for (const x of related) lines.push(`    ${x.file}:${x.start.line + 1}:${x.start.character + 1} ${x.message}`);
      if (!f.suppressed) {
        perLayer.set(f.layer, (perLayer.get(f.layer) ?? 0) + 1);
        total++;
      }
    }
    lines.push('');
  }
  const scanned = reports.filter((r) => r.format).length;
  lines.push(`${total} finding${total === 1 ? '' : 's'} in ${scanned} template${scanned === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''}.`);
  for (const layer of LAYERS) {
    const n = perLayer.get(layer.id);
    if (n) lines.push(`  ${layer.title}: ${n} (yours to fix)`);
  }
  return `${lines.join('\n')}\n`;
}
