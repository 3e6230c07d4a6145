/**
 * `rlens scan --baseline FILE`: reads the earlier report; the matching is the engine's (`suppress/baseline.ts`).
 */
import { basename } from 'node:path';
import { applyBaseline as applyFingerprints, parseBaseline, skipNote, type FileReport } from '../engine';
import { UsageError } from './args';
import { readTextFile } from './read-text';

const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/** The fingerprints an earlier report lists; a usage error when the file is not such a report. */
export function readBaseline(path: string): ReadonlySet<string> {
  // A report of a large tree outgrows the template limit; still bounded, and never a FIFO or a device.
  const read = readTextFile(path, MAX_BASELINE_BYTES);
  if (read.kind === 'failed') throw new UsageError(`--baseline ${path}: cannot read it (${read.code})`);
  if (read.kind === 'notRegular') throw new UsageError(`--baseline ${path}: it is ${read.what}, not a regular file`);
  if (read.kind === 'skipped') throw new UsageError(`--baseline ${path}: ${skipNote(read.cause)}`);
  const parsed = parseBaseline(read.text);
  if ('problem' in parsed) throw new UsageError(`--baseline ${path}: ${parsed.problem}`);
  return parsed.prints;
}

/** Marks findings listed in the baseline as suppressed by it (findings already suppressed keep their reason). */
export function applyBaseline(reports: readonly FileReport[], prints: ReadonlySet<string>, path: string): FileReport[] {
  return applyFingerprints(reports, prints, basename(path));
}
