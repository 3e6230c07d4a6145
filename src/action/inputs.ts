/**
 * The GitHub Action's inputs, read the way the runner passes them (`INPUT_<NAME>` environment variables, the
 * name upper-cased with spaces as `_` and hyphens kept: `INPUT_FAIL-ON`), and the `rlens` command line they
 * mean. Pure, so the mapping is tested without a runner.
 */
export type ReportFormat = 'html' | 'markdown' | 'json' | 'text';
const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'markdown', 'json', 'text'];
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const EXTENSION: Readonly<Record<ReportFormat, string>> = { html: 'html', markdown: 'md', json: 'json', text: 'txt' };

export interface ActionInputs {
  readonly paths: readonly string[];
  readonly failOn: (typeof FAIL_ON)[number];
  /** Reports written besides the SARIF file (which is always written, for code scanning). */
  readonly formats: readonly ReportFormat[];
  readonly baseline?: string;
  readonly config?: string;
  readonly reportUnknown: boolean;
  readonly outputDir: string;
  readonly summary: boolean;
}

export class InputError extends Error {}

/** What the runner would pass for `name`, trimmed; '' when unset. */
export function input(env: Readonly<Record<string, string | undefined>>, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bool(env: Readonly<Record<string, string | undefined>>, name: string, fallback: boolean): boolean {
  const v = input(env, name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(`input '${name}' must be true or false, not '${v}'`);
}

export function readInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  // One path per line (as actions/upload-artifact takes them), so paths may contain spaces.
  const paths = input(env, 'paths')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#'));
  const failOn = input(env, 'fail-on') || 'warning';
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    throw new InputError(`input 'fail-on' must be one of ${FAIL_ON.join(', ')}, not '${failOn}'`);
  const formatText = input(env, 'format') || 'html';
  const formats: ReportFormat[] = [];
  for (const f of formatText.split(/[\s,]+/).filter((x) => x !== '' && x !== 'sarif')) {
    if (f === 'none') continue;
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new InputError(
        `input 'format' takes ${[...REPORT_FORMATS, 'none'].join(', ')} (SARIF is always written), not '${f}'`,
      );
    if (!formats.includes(f as ReportFormat)) formats.push(f as ReportFormat);
  }
  const baseline = input(env, 'baseline');
  const config = input(env, 'config');
  return {
    paths: paths.length > 0 ? paths : ['.'],
    failOn: failOn as ActionInputs['failOn'],
    formats,
    ...(baseline ? { baseline } : {}),
    ...(config ? { config } : {}),
    reportUnknown: bool(env, 'report-unknown', false),
    outputDir: input(env, 'output-dir') || 'rlens-results',
    summary: bool(env, 'summary', true),
  };
}

/** Where each file of a run goes: SARIF, the JSON the counts and summary are read from, and the chosen reports. */
export interface ActionFiles {
  readonly sarif: string;
  readonly json: string;
  readonly reports: ReadonlyArray<{ readonly format: ReportFormat; readonly file: string }>;
}

export function filesOf(inputs: ActionInputs): ActionFiles {
  const at = (name: string): string => `${inputs.outputDir.replace(/[\\/]+$/, '')}/${name}`;
  return {
    sarif: at('rlens.sarif'),
    json: at('rlens.json'),
    reports: inputs.formats.map((format) => ({ format, file: at(`rlens.${EXTENSION[format]}`) })),
  };
}

/**
 * The `rlens` arguments: one scan writes every file (`--report`) while the text report goes to the log. A path
 * starting with `-` would read as an option, so it is passed as `./-name`.
 */
export function commandLine(inputs: ActionInputs): string[] {
  const files = filesOf(inputs);
  const args: string[] = [
    'scan',
    ...inputs.paths.map((p) => (p.startsWith('-') ? `./${p}` : p)),
    '--fail-on',
    inputs.failOn,
  ];
  args.push('--report', `sarif=${files.sarif}`, '--report', `json=${files.json}`);
  for (const r of files.reports) if (r.format !== 'json') args.push('--report', `${r.format}=${r.file}`);
  if (inputs.baseline) args.push('--baseline', inputs.baseline);
  if (inputs.config) args.push('--config', inputs.config);
  if (inputs.reportUnknown) args.push('--report-unknown');
  return args;
}
