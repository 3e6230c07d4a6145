/**
 * One finding reported by several scans is shown once. A local module's resources are reported in the module's
 * own files, so scanning a caller and the module's folder finds them twice: the copy of the file scanned
 * directly is kept (same rule, file, span and message). Likewise a `.bicepparam` scanned beside its template
 * reports, at its own value, a finding the template's scan already reports with that value as a related
 * location: the template's copy is kept (it names both places). Used by the CLI's reports, the editor's
 * Problems and its SARIF export alike.
 */
import type { Finding } from '../core/finding';

/** Reports of scanned files: the scanned file's path and what was found (in it or in files it reached). */
export interface ReportLike {
  readonly file: string;
  readonly findings: readonly { readonly finding: Finding }[];
}

/**
 * The identity of a finding across scans: rule, file, span and message. `samePath` maps a path to one spelling
 * (the CLI resolves relative paths; the editor's paths are already absolute).
 */
export function findingKey(f: Finding, samePath: (file: string) => string = (p) => p): string {
  return atKey(f.ruleId, samePath(f.file), f.span.start, f.span.end, f.message);
}

function atKey(ruleId: string, file: string, start: number, end: number, message: string): string {
  return `${ruleId}\0${file}\0${start}:${end}\0${message}`;
}

function isParameterFile(file: string): boolean {
  return /\.bicepparam$/i.test(file);
}

/** The reports with repeated findings dropped (see the module comment); unchanged reports keep their identity. */
export function dropRepeatedFindings<R extends ReportLike>(
  reports: readonly R[],
  samePath: (file: string) => string = (p) => p,
): R[] {
  const key = (f: Finding): string => findingKey(f, samePath);
  const seen = new Set<string>();
  const viaRelated = new Set<string>();
  for (const r of reports) {
    for (const { finding } of r.findings) {
      if (samePath(finding.file) !== samePath(r.file)) continue;
      seen.add(key(finding));
      if (isParameterFile(r.file)) continue;
      for (const x of finding.related)
        viaRelated.add(atKey(finding.ruleId, samePath(x.file), x.span.start, x.span.end, finding.message));
    }
  }
  return reports.map((r) => {
    const findings = r.findings.filter(({ finding }) => {
      const k = key(finding);
      if (isParameterFile(r.file) && viaRelated.has(k)) return false;
      if (samePath(finding.file) === samePath(r.file)) return true;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return findings.length === r.findings.length ? r : { ...r, findings };
  });
}
