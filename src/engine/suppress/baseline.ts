/**
 * Baseline suppressions (`rlens scan --baseline FILE`): adopt the scanner on a repository with known findings and
 * fail only on new ones. FILE is an earlier `--format json` or `--format sarif` report; its findings'
 * fingerprints (stable across line moves) mark today's matching findings as suppressed by the baseline: still
 * listed, never failing the run. Reading the file is the front end's business; this is the matching.
 */
import type { Finding } from '../core/finding';
import type { FileReport } from '../report/file-report';
import { findingFingerprints } from '../report/fingerprint';
import { FINGERPRINT_KEY } from '../report/sarif';

interface ReportShape {
  readonly findings?: ReadonlyArray<{ readonly fingerprint?: unknown }>;
  readonly runs?: ReadonlyArray<{
    readonly results?: ReadonlyArray<{ readonly partialFingerprints?: Record<string, unknown> }>;
  }>;
}

/** The fingerprints an earlier report's text lists, or why the text is not such a report. */
export function parseBaseline(text: string): { readonly prints: ReadonlySet<string> } | { readonly problem: string } {
  let report: ReportShape;
  try {
    report = JSON.parse(text) as ReportShape;
  } catch {
    return { problem: 'it is not JSON' };
  }
  const prints = new Set<string>();
  for (const f of report?.findings ?? []) if (typeof f?.fingerprint === 'string') prints.add(f.fingerprint);
  for (const run of report?.runs ?? []) {
    for (const r of run?.results ?? []) {
      const p = r?.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof p === 'string') prints.add(p);
    }
  }
  if (!Array.isArray(report?.findings) && !Array.isArray(report?.runs))
    return { problem: 'not an rlens JSON or SARIF report (no "findings" or "runs")' };
  return { prints };
}

/**
 * Marks findings listed in the baseline (named `name` in the reason) as suppressed by it; findings already
 * suppressed keep their reason.
 */
export function applyBaseline(reports: readonly FileReport[], prints: ReadonlySet<string>, name: string): FileReport[] {
  const reason = `listed in the baseline ${name}`;
  return reports.map((r) => {
    const fingerprints = findingFingerprints(r.findings.map((x) => x.finding));
    let changed = false;
    const findings = r.findings.map((p, i) => {
      if (p.finding.suppressed || !prints.has(fingerprints[i] as string)) return p;
      changed = true;
      const f: Finding = {
        ...p.finding,
        suppressed: {
          ruleId: p.finding.ruleId,
          reason,
          file: p.finding.file,
          span: p.finding.span,
          source: 'baseline',
        },
      };
      return { ...p, finding: f };
    });
    return changed ? { ...r, findings } : r;
  });
}
