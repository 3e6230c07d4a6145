/** A scanned file's results with line/column positions, the common input of every report format. */
import type { AnalysisError, Finding } from '../core/finding';
import { detach, intern } from '../core/detach';
import type { MatrixResource } from '../editor-support/matrix';
import { LineIndex, type Position } from '../core/span';
import type { SourceFormat } from '../model/document';
import type { ScanResult } from '../scan';

export interface PositionedRelated {
  readonly file: string;
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
}

export interface PositionedFinding {
  readonly finding: Finding;
  /** Zero-based, UTF-16 columns. */
  readonly start: Position;
  readonly end: Position;
  /** The finding's related locations (the parameter value it comes from, …), positioned in their own files. */
  readonly related: readonly PositionedRelated[];
}

export interface PositionedError {
  readonly error: AnalysisError;
  readonly start?: Position;
}

export interface FileReport {
  /** The path as given on the command line or walked. */
  readonly file: string;
  readonly format?: SourceFormat;
  readonly resources: number;
  /** What the responsibility matrix needs of each resource (HTML report), detached from the file's text. */
  readonly resourceList?: readonly MatrixResource[];
  readonly findings: readonly PositionedFinding[];
  readonly errors: readonly PositionedError[];
  /** What the scan did not look at (registry modules, unreadable module files); never a failure. */
  readonly notes: readonly PositionedError[];
}

/** Positions a scan result; `textOf` supplies other files' text (modules, parameter files) when findings point there. */
export function toFileReport(
  result: Omit<ScanResult, 'usedConfigSuppressions'>,
  text: string,
  textOf: (file: string) => string | undefined = () => undefined,
): FileReport {
  const indexes = new Map<string, LineIndex>([[result.file, new LineIndex(text)]]);
  const indexOf = (file: string): LineIndex => {
    let idx = indexes.get(file);
    if (!idx) {
      idx = new LineIndex(textOf(file) ?? '');
      indexes.set(file, idx);
    }
    return idx;
  };
  return {
    file: result.file,
    ...(result.format ? { format: result.format } : {}),
    resources: result.document?.resources.length ?? 0,
    resourceList: (result.document?.resources ?? []).map((r) => ({
      dialect: r.dialect,
      type: intern(r.type),
      name: detach(r.name),
      file: intern(r.file),
      ...(r.existing ? { existing: true } : {}),
    })),
    findings: result.findings.map((finding) => {
      const idx = indexOf(finding.file);
      const related = finding.related.map((r) => {
        const ri = indexOf(r.file);
        return { file: r.file, message: r.message, start: ri.positionAt(r.span.start), end: ri.positionAt(r.span.end) };
      });
      return { finding, start: idx.positionAt(finding.span.start), end: idx.positionAt(finding.span.end), related };
    }),
    errors: result.errors.map((error) =>
      error.span ? { error, start: indexOf(error.file).positionAt(error.span.start) } : { error },
    ),
    notes: (result.document?.notes ?? []).map((error) =>
      error.span ? { error, start: indexOf(error.file).positionAt(error.span.start) } : { error },
    ),
  };
}
