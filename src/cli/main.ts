/**
 * `rlens`: the engine on the command line. `main` takes the arguments and where to write, and returns the exit
 * code: it never touches `process.argv`, `process.exitCode` or the standard streams itself, so tests call it in
 * process. `bin.ts` is the process entry.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  allRules,
  DEFAULT_MAX_FILE_BYTES,
  dropRepeatedFindings,
  layerById,
  scanText,
  skippedScan,
  skipMessage,
  toFileReport,
  type AnalysisError,
  type FileReport,
  type Finding,
  type OptionOverrides,
  type PositionedError,
  type ScanOptions,
  type ScanResult,
} from '../engine';
import { parseArgs, UsageError, USAGE, USAGE_HINT, type FailOn, type ScanArgs } from './args';
import { applyBaseline, readBaseline } from './baseline';
import { CliConfigs } from './config';
import { Confinement } from './confine';
import { createFsHost } from './fs-host';
import { describeFailure, readTextFile } from './read-text';
import { writeChunks } from './output';
import { render, writeReport } from './render';
import { walk, type PathProblem } from './walk';
import { fixFile } from './write-fixed';

declare const RLENS_VERSION: string | undefined;
const VERSION = typeof RLENS_VERSION === 'string' ? RLENS_VERSION : '0.1.0';
const RANK = { info: 0, warning: 1, error: 2 } as const;

/** Where `main` writes its output and its messages. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Text output may use colours: stdout is a terminal and NO_COLOR is not set (https://no-color.org). */
  readonly colour?: boolean;
}

/** The process's own streams: output of any size is written whole (Node flushes a pipe before exiting). */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
};

function fails(f: Finding, failOn: FailOn): boolean {
  return failOn !== 'never' && !f.suppressed && !f.unknown && RANK[f.severity] >= RANK[failOn];
}

function scanOne(
  file: string,
  explicit: boolean,
  args: ScanArgs,
  options: ScanOptions,
  host: ReturnType<typeof createFsHost>,
  io: CliIo,
): { result: ScanResult; text: string } {
  // Type and size are checked before reading: a FIFO named `x.tf` must not hang the scan, nor a 3 GB file fill memory.
  const read = readTextFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (read.kind === 'failed')
    return {
      text: '',
      result: {
        file,
        findings: [],
        errors: [{ file, message: `cannot read file: ${read.code}` }],
        usedConfigSuppressions: [],
      },
    };
  if (read.kind === 'notRegular')
    return {
      text: '',
      result: {
        file,
        findings: [],
        errors: [{ file, message: `not read: it is ${read.what}, not a regular file` }],
        usedConfigSuppressions: [],
      },
    };
  if (read.kind === 'skipped') return { text: '', result: skippedScan(file, skipMessage(read.cause), read.head) };
  let text = read.text;
  host.remember(file, text);
  let fixErrors: readonly AnalysisError[] = [];
  if (args.fix) {
    const fixed = fixFile(file, text, options, {
      level: args.fix,
      dryRun: args.dryRun,
      roots: args.paths,
      stdout: (t) => io.stdout(t),
      stderr: (t) => io.stderr(t),
    });
    fixErrors = fixed.errors;
    if (fixed.text !== text) host.remember(file, fixed.text);
    text = fixed.text;
  }
  const scanned = scanText(text, file, options);
  const result = fixErrors.length > 0 ? { ...scanned, errors: [...scanned.errors, ...fixErrors] } : scanned;
  if (explicit && !args.templatesOnly && !result.format && result.errors.length === 0) {
    return {
      text,
      result: {
        ...result,
        errors: [{ file, message: 'not a recognised template (ARM deploymentTemplate JSON, Bicep or Terraform)' }],
      },
    };
  }
  return { text, result };
}

/** A folder the walk could not list is an error (the rest was scanned); a symbolic link not followed, a note. */
function walkReports(unreadable: readonly PathProblem[], links: readonly string[]): FileReport[] {
  const entry = (file: string, message: string): PositionedError => ({ error: { file, message } });
  return [
    ...unreadable.map((u): FileReport => ({
      file: u.path,
      resources: 0,
      findings: [],
      errors: [entry(u.path, `folder not scanned: ${describeFailure(u.code)}`)],
      notes: [],
    })),
    ...links.map((l): FileReport => ({
      file: l,
      resources: 0,
      findings: [],
      errors: [],
      notes: [entry(l, 'not scanned: symbolic links are not followed (scan the target itself)')],
    })),
  ];
}

/** A `--parameters` file that is missing or not a regular file is a usage error, not silently ignored. */
function checkParameterFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    throw new UsageError(`--parameters ${path}: ${describeFailure((e as NodeJS.ErrnoException).code ?? 'error')}`);
  }
  if (!isFile) throw new UsageError(`--parameters ${path}: not a regular file`);
}

function runScan(args: ScanArgs, io: CliIo): number {
  const { files, missing, unreadable, links } = walk(args.paths);
  if (missing.length > 0) {
    for (const m of missing) io.stderr(`rlens: cannot read '${m.path}': ${describeFailure(m.code)}\n`);
    return 2;
  }
  const baseline = args.baseline ? readBaseline(args.baseline) : undefined;
  const configs = new CliConfigs(args.config, args.paths, (line) => io.stderr(`${line}\n`));
  for (const p of args.parameters) checkParameterFile(p);
  // Templates name their own modules and parameter files: only the scanned folders are read unless allowed.
  const confinement = args.allowOutsideRoot ? undefined : new Confinement(args.paths);
  const host = createFsHost({ ...(confinement ? { confinement } : {}), named: args.parameters });
  const options: ScanOptions = { host, parameterFiles: args.parameters };
  const flags: OptionOverrides = args.reportUnknown ? { reportUnknown: true } : {};
  const explicit = new Set(args.paths);
  const scanned: FileReport[] = dropRepeatedFindings(
    configs.filter(files, explicit).map((file) => {
      const { result, text } = scanOne(
        file,
        explicit.has(file),
        args,
        configs.optionsFor(file, options, flags),
        host,
        io,
      );
      configs.recordUse(file, result);
      return toFileReport(result, text, (f) => host.readFile(f));
    }),
    (f) => resolve(f),
  );
  scanned.push(...walkReports(unreadable, links));
  const reports = baseline && args.baseline ? applyBaseline(scanned, baseline, args.baseline) : scanned;
  reports.push(...configs.unusedReports());
  const sarifFile =
    args.reports.find((r) => r.format === 'sarif')?.file ?? (args.format === 'sarif' ? args.output : undefined);
  const renderOptions = {
    version: VERSION,
    showSuppressed: args.showSuppressed,
    colour: !args.noColour && io.colour === true,
    ...(sarifFile ? { sarifFile } : {}),
  };
  for (const extra of args.reports)
    if (!writeReport(extra.file, render(extra.format, reports, renderOptions, extra.file), (t) => io.stderr(t)))
      return 2;
  const chunks = render(args.format, reports, renderOptions, args.output);
  if (args.output) {
    if (!writeReport(args.output, chunks, (t) => io.stderr(t))) return 2;
    // A dry run's standard output is the diff: the report goes only to --output.
  } else if (!args.dryRun) writeChunks(chunks, { write: (text) => io.stdout(text) });
  if (!scanned.some((r) => r.format || r.errors.length > 0)) {
    // Said on stderr, so a JSON or SARIF report on stdout stays what it is (an empty one).
    io.stderr(`rlens: no Bicep, ARM or Terraform files under ${args.paths.join(', ')}
`);
    if (args.failOnEmpty) return 1;
  }
  const failed = reports.some(
    (r) => r.findings.some((f) => fails(f.finding, args.failOn)) || (args.failOn !== 'never' && r.errors.length > 0),
  );
  return failed ? 1 : 0;
}

function listRules(format: 'text' | 'json'): string {
  const rules = allRules();
  if (format === 'json') {
    return `${JSON.stringify(
      rules.map(({ source: _source, checks: _checks, ...meta }) => meta),
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${layerById(r.layer).title.padEnd(27)}  ${r.title}`).join('\n')}\n`;
}

export function main(argv: readonly string[], io: CliIo = processIo): number {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case 'usage':
        io.stderr(`${USAGE}\n`);
        return 2;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'rules':
        io.stdout(listRules(args.format));
        return 0;
      case 'scan':
        return runScan(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rlens: ${e.message}\n${USAGE_HINT}\n`);
      return 2;
    }
    io.stderr(`rlens: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
