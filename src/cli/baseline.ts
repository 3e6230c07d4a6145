/**
 * `rlens scan --baseline FILE`: adopt the scanner on a repository with known findings and fail only on new ones.
 * FILE is an earlier `--format json` or `--format sarif` report; its findings' fingerprints (stable across line
 * moves) mark today's matching findings as suppressed by the baseline: still listed, never failing the run.
 */
import { skipNote } from '../engine';
import { readTextFile } from './read-text';
import { basename } from 'node:path';
import type { Finding } from '../engine';
import type { FileReport } from '../engine/report/file-report';
import { findingFingerprints } from '../engine/report/fingerprint';
import { FINGERPRINT_KEY } from '../engine/report/sarif';

const MAX_BASELINE_BYTES = 256 * 1024 * 1024;
import { UsageError } from './args';

interface JsonShape {
  readonly findings?: ReadonlyArray<{ readonly fingerprint?: unknown }>;
  readonly runs?: ReadonlyArray<{ readonly results?: ReadonlyArray<{ readonly partialFingerprints?: Record<string, unknown> }> }>;
}

/** The fingerprints an earlier report lists; a usage error when the file is not such a report. */
export function readBaseline(path: string): ReadonlySet<string> {
  // A report of a large tree outgrows the template limit; still bounded, and never a FIFO or a device.
  const read = readTextFile(path, MAX_BASELINE_BYTES);
  if (read.kind === 'failed') throw new UsageError(`--baseline ${path}: cannot read it (${read.code})`);
  if (read.kind === 'notRegular') throw new UsageError(`--baseline ${path}: it is ${read.what}, not a regular file`);
  if (read.kind === 'skipped') throw new UsageError(`--baseline ${path}: ${skipNote(read.cause)}`);
  let report: JsonShape;
  try {
    report = JSON.parse(read.text) as JsonShape;
  } catch {
    throw new UsageError(`--baseline ${path}: it is not JSON`);
  }
  const prints = new Set<string>();
  for (const f of report?.findings ?? []) if (typeof f?.fingerprint === 'string') prints.add(f.fingerprint);
  for (const run of report?.runs ?? []) {
    for (const r of run?.results ?? []) {
      const p = r?.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof p === 'string') prints.add(p);
    }
  }
  if (!Array.isArray(report?.findings) && !Array.isArray(report?.runs)) {
    throw new UsageError(`--baseline ${path}: not an rlens JSON or SARIF report (no "findings" or "runs")`);
  }
  return prints;
}

/** Marks findings listed in the baseline as suppressed by it (findings already suppressed keep their reason). */
export function applyBaseline(reports: readonly FileReport[], prints: ReadonlySet<string>, path: string): FileReport[] {
  const reason = `listed in the baseline ${basename(path)}`;
  return reports.map((r) => {
    const fingerprints = findingFingerprints(r.findings.map((x) => x.finding));
    let changed = false;
    const findings = r.findings.map((p, i) => {
      if (p.finding.suppressed || !prints.has(fingerprints[i] as string)) return p;
      changed = true;
      const f: Finding = { ...p.finding, suppressed: { ruleId: p.finding.ruleId, reason, file: p.finding.file, span: p.finding.span, source: 'baseline' } };
      return { ...p, finding: f };
    });
    return changed ? { ...r, findings } : r;
  });
}
