/** Command-line parsing for `rlens`; usage errors are thrown as UsageError (exit code 2). */
import type { Severity } from '../engine';

export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif' | 'html' | 'markdown';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'html', 'markdown'];
export type FailOn = Severity | 'never';

export interface ScanArgs {
  readonly command: 'scan';
  readonly paths: string[];
  readonly format: Format;
  readonly output?: string;
  readonly failOn: FailOn;
  /** `--fix`: safe fixes; `--fix=all`: also those that need review. */
  readonly fix?: 'safe' | 'all';
  /** `--dry-run`: print the fixes as a unified diff and change nothing. */
  readonly dryRun: boolean;
  readonly parameters: string[];
  /** Modules and parameter files outside the scanned folders may be read. */
  readonly allowOutsideRoot: boolean;
  readonly reportUnknown: boolean;
  readonly showSuppressed: boolean;
  /** `.rlens.yaml` to use for every path instead of the nearest one. */
  readonly config?: string;
  /** An earlier JSON or SARIF report whose findings are suppressed (only new findings fail the run). */
  readonly baseline?: string;
  /** `--no-color`: plain text even on a terminal. */
  readonly noColour: boolean;
  /** `--fail-on-empty`: a scan that found no template exits 1 instead of 0. */
  readonly failOnEmpty: boolean;
  /** Extra reports of the same scan, each in its own format and file (`--report sarif=out.sarif`). */
  readonly reports: ReadonlyArray<{ readonly format: Format; readonly file: string }>;
  /** Named files that are not templates are skipped quietly, as in a directory walk (pre-commit passes every staged file). */
  readonly templatesOnly: boolean;
}

export interface RulesArgs {
  readonly command: 'rules';
  readonly format: 'text' | 'json';
}

/** `usage`: no arguments at all, answered with the usage on stderr and exit code 2. */
export type Args = ScanArgs | RulesArgs | { readonly command: 'help' | 'usage' | 'version' };

export const USAGE = `Usage:
  rlens scan <file|dir>... [options]   scan Bicep, ARM and Terraform files
  rlens rules [--format text|json]     list the rule catalog
  rlens --version | --help

Scan options:
  --format text|json|sarif|html|markdown
                             output format (default text)
  --output FILE              write the report to FILE instead of stdout
  --report FORMAT=FILE       also write the same scan's report in FORMAT to FILE (repeatable)
  --templates-only           skip named files that are not templates quietly (for pre-commit hooks)
  --fail-on error|warning|info|never
                             exit 1 when a finding at or above this severity remains (default warning)
  --fix                      apply safe fixes in place and print what changed; fixes that need review
                             (they can change behaviour) are listed on stderr, not applied
  --fix=all                  also apply the fixes that need review
  --dry-run                  with --fix or --fix=all: print the changes as a unified diff, change nothing
  --parameters FILE          ARM parameter file to use (repeatable)
  --allow-outside-root       read modules and parameter files outside the scanned folders
  --report-unknown           also report values that depend on parameters without a value
  --show-suppressed          list suppressed findings in text output
  --config FILE              use this .rlens.yaml for every path (default: the nearest one upward of each file)
  --baseline FILE            an earlier --format json or sarif report: its findings are suppressed, only new
                             ones fail the run (matched by fingerprint, so moved lines still match)
  --fail-on-empty            exit 1 when no Bicep, ARM or Terraform file was found (default: a note, exit 0)
  --no-color                 no colours in text output (also when NO_COLOR is set or output is not a terminal)

Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 usage error or unreadable path.`;

/** What a usage error prints after its one line. */
export const USAGE_HINT = "run 'rlens --help' for the usage";

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !allowed.includes(value as T))
    throw new UsageError(`${flag} expects one of ${allowed.join(', ')}`);
  return value as T;
}

/** `FORMAT=FILE` of `--report`. */
function reportSpec(spec: string): { format: Format; file: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1)
    throw new UsageError(`--report expects FORMAT=FILE (FORMAT one of ${FORMATS.join(', ')}), not '${spec}'`);
  return { format: oneOf('--report', spec.slice(0, eq), FORMATS), file: spec.slice(eq + 1) };
}

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined) return { command: 'usage' };
  if (command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  // `rlens scan --help` is how most people ask; it is help, not an unknown option.
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help' };
  if (command === 'rules') {
    let format: 'text' | 'json' = 'text';
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--format') format = oneOf('--format', rest[++i], ['text', 'json'] as const);
      else if (a?.startsWith('--format=')) format = oneOf('--format', a.slice(9), ['text', 'json'] as const);
      else if (a === '--no-color') continue;
      else throw new UsageError(`unknown option '${a ?? ''}' for rules`);
    }
    return { command: 'rules', format };
  }
  if (command !== 'scan') throw new UsageError(`unknown command '${command}'`);
  const paths: string[] = [];
  const parameters: string[] = [];
  let format: Format = 'text';
  let output: string | undefined;
  let failOn: FailOn = 'warning';
  let fix: 'safe' | 'all' | undefined;
  let dryRun = false;
  let reportUnknown = false;
  let showSuppressed = false;
  let config: string | undefined;
  let baseline: string | undefined;
  let noColour = false;
  let failOnEmpty = false;
  const reports: Array<{ format: Format; file: string }> = [];
  let templatesOnly = false;
  let allowOutsideRoot = false;
  for (let i = 0; i < rest.length; i++) {
    let a = rest[i] as string;
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--format':
        format = oneOf('--format', value(), FORMATS);
        break;
      case '--output':
      case '-o':
        output = value();
        break;
      case '--fail-on':
        failOn = oneOf('--fail-on', value(), ['error', 'warning', 'info', 'never'] as const);
        break;
      case '--fix':
        fix = inline === undefined ? 'safe' : oneOf('--fix', inline, ['safe', 'all'] as const);
        break;
      case '--dry-run':
        dryRun = true;
        break;
      case '--parameters':
        parameters.push(value());
        break;
      case '--report-unknown':
        reportUnknown = true;
        break;
      case '--show-suppressed':
        showSuppressed = true;
        break;
      case '--config':
        config = value();
        break;
      case '--baseline':
        baseline = value();
        break;
      case '--no-color':
        noColour = true;
        break;
      case '--fail-on-empty':
        failOnEmpty = true;
        break;
      case '--report':
        reports.push(reportSpec(value()));
        break;
      case '--templates-only':
        templatesOnly = true;
        break;
      case '--allow-outside-root':
        allowOutsideRoot = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
        paths.push(a);
    }
  }
  if (paths.length === 0) throw new UsageError('scan needs at least one file or directory');
  if (dryRun && !fix) throw new UsageError('--dry-run shows what --fix or --fix=all would change: give one of them');
  return {
    command: 'scan',
    paths,
    format,
    ...(output ? { output } : {}),
    failOn,
    ...(fix ? { fix } : {}),
    dryRun,
    parameters,
    allowOutsideRoot,
    reportUnknown,
    showSuppressed,
    noColour,
    failOnEmpty,
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
    reports,
    templatesOnly,
  };
}
