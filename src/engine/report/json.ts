/**
 * The JSON report: a stable contract (version 1) documented in the README. Fields are only ever added.
 * Lines and columns are 1-based.
 */
import { ruleById } from '../rules/registry';
import type { FileReport } from './file-report';
import { findingFingerprints } from './fingerprint';
import { jsonChunks, streamed } from './json-stream';

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  layer: string;
  serviceModel: string | null;
  owner: string;
  mcsb: string[];
  policy: { name: string; id: string } | null;
  resource: { type: string; name: string };
  fixable: boolean;
  /** Other places the finding involves: the parameter value or tfvars entry it comes from, its use in a template. */
  related: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
  suppressed?: { reason: string; expires?: string; source: string };
  /** Stable across line moves (rule, file, resource, order within the resource); what `--baseline` matches. */
  fingerprint: string;
  unknown?: boolean;
}

export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  files: Array<{ file: string; format: string | null; resources: number }>;
  errors: Array<{ file: string; message: string; line: number | null }>;
  /** Information, never a failure: what the scan did not look inside (registry modules, unreadable modules). */
  notes: Array<{ file: string; message: string; line: number | null }>;
}

/** Each report's findings in contract form, produced one at a time. */
function* jsonFindings(reports: readonly FileReport[]): Generator<JsonFinding> {
  for (const r of reports) {
    const fingerprints = findingFingerprints(r.findings.map((x) => x.finding));
    for (const [i, { finding: f, start, end, related }] of r.findings.entries()) {
      const rule = ruleById(f.ruleId);
      yield {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        // Findings in the scanned file carry the path as given; module findings carry the module's path.
        file: f.file === r.file ? r.file : f.file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        layer: f.layer,
        serviceModel: f.serviceModel ?? null,
        owner: f.owner,
        mcsb: [...(rule?.mcsb ?? [])],
        policy: rule?.policy ? { ...rule.policy } : null,
        resource: { ...f.resource },
        fixable: f.fixes.length > 0,
        related: related.map((x) => ({
          file: x.file,
          line: x.start.line + 1,
          column: x.start.character + 1,
          endLine: x.end.line + 1,
          endColumn: x.end.character + 1,
          message: x.message,
        })),
        ...(f.suppressed
          ? {
              suppressed: {
                reason: f.suppressed.reason,
                ...(f.suppressed.expires ? { expires: f.suppressed.expires } : {}),
                source: f.suppressed.source,
              },
            }
          : {}),
        ...(f.unknown ? { unknown: true } : {}),
        fingerprint: fingerprints[i] as string,
      };
    }
  }
}

function* jsonFiles(reports: readonly FileReport[]): Generator<JsonReport['files'][number]> {
  for (const r of reports) yield { file: r.file, format: r.format ?? null, resources: r.resources };
}

function* jsonErrors(reports: readonly FileReport[]): Generator<JsonReport['errors'][number]> {
  for (const r of reports)
    for (const e of r.errors)
      yield {
        file: e.error.file === r.file ? r.file : e.error.file,
        message: e.error.message,
        line: e.start ? e.start.line + 1 : null,
      };
}

function* jsonNotes(reports: readonly FileReport[]): Generator<JsonReport['notes'][number]> {
  for (const r of reports)
    for (const e of r.notes)
      yield { file: e.error.file, message: e.error.message, line: e.start ? e.start.line + 1 : null };
}

/** The report as one object (small reports, tests). Output of any size goes through `jsonReportChunks`. */
export function toJsonReport(reports: readonly FileReport[]): JsonReport {
  return {
    version: 1,
    findings: [...jsonFindings(reports)],
    files: [...jsonFiles(reports)],
    errors: [...jsonErrors(reports)],
    notes: [...jsonNotes(reports)],
  };
}

/** The report file's text (with its final newline) in chunks, each finding built only when it is written. */
export function* jsonReportChunks(reports: readonly FileReport[]): Generator<string> {
  yield* jsonChunks({
    version: 1,
    findings: streamed(jsonFindings(reports)),
    files: streamed(jsonFiles(reports)),
    errors: streamed(jsonErrors(reports)),
    notes: streamed(jsonNotes(reports)),
  });
  yield '\n';
}
