/**
 * The GitHub Action (`action.yml`, `runs.using: node24`): runs the bundled CLI once (`dist/cli.js`, beside this
 * file), then sets the step's outputs (file paths and counts) and appends a Markdown summary to the job's page.
 * Nothing is downloaded: the runner's Node runs both files. Exit code: the CLI's (1 when findings reach
 * `fail-on`), with an `::error::` line saying why; 2 for bad inputs or a scan that could not start.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMarkdown, type JsonReport } from '../engine';
import { commandLine, filesOf, InputError, readInputs, type ActionInputs } from './inputs';

/** Step outputs in the runner's file format; the heredoc form keeps any value (a path with `=`) intact. */
function setOutputs(values: Readonly<Record<string, string | number>>): void {
  const file = process.env.GITHUB_OUTPUT;
  const lines = Object.entries(values).map(([k, v]) => `${k}<<RLENS_EOF\n${v}\nRLENS_EOF\n`);
  if (file) appendFileSync(file, lines.join(''));
  else for (const [k, v] of Object.entries(values)) process.stdout.write(`${k}=${v}\n`);
}

export interface Counts {
  readonly findings: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  readonly unanalysed: number;
}

export function countsOf(report: JsonReport): Counts {
  const open = report.findings.filter((f) => !f.suppressed);
  return {
    findings: open.length,
    errors: open.filter((f) => f.severity === 'error').length,
    warnings: open.filter((f) => f.severity === 'warning').length,
    infos: open.filter((f) => f.severity === 'info').length,
    suppressed: report.findings.length - open.length,
    unanalysed: new Set(report.errors.map((e) => e.file)).size,
  };
}

/** Where the summary's "full report" link points: the repository's code-scanning alerts from this tool, on GitHub. */
function sarifLink(inputs: ActionInputs): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo } = process.env;
  if (server && repo) return `${server}/${repo}/security/code-scanning?query=tool%3A%22Responsibility+Lens%22`;
  return filesOf(inputs).sarif;
}

function run(): number {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(process.env);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    process.stdout.write(`::error title=Responsibility Lens::${e.message}\n`);
    return 2;
  }
  const files = filesOf(inputs);
  const args = commandLine(inputs);
  const cli = join(__dirname, 'cli.js');
  process.stdout.write(`rlens ${args.map((a) => (/^[\w./=:-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  const code = result.status ?? 2;
  if (code === 2 || !existsSync(files.json)) {
    process.stdout.write(
      `::error title=Responsibility Lens::the scan did not run (exit code ${code}); see the log above\n`,
    );
    setOutputs({ 'exit-code': code });
    return 2;
  }
  const report = JSON.parse(readFileSync(files.json, 'utf8')) as JsonReport;
  const counts = countsOf(report);
  setOutputs({
    sarif: files.sarif,
    json: files.json,
    report: files.reports[0]?.file ?? files.sarif,
    findings: counts.findings,
    errors: counts.errors,
    warnings: counts.warnings,
    infos: counts.infos,
    suppressed: counts.suppressed,
    unanalysed: counts.unanalysed,
    'exit-code': code,
  });
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (inputs.summary && summaryFile) appendFileSync(summaryFile, toMarkdown(report, { sarifHref: sarifLink(inputs) }));
  if (code === 1) {
    const why =
      counts.unanalysed > 0 && inputs.failOn !== 'never'
        ? `${counts.unanalysed} file(s) could not be analysed`
        : `findings at or above '${inputs.failOn}'`;
    process.stdout.write(
      `::error title=Responsibility Lens::${counts.findings} open finding(s): ${why} (fail-on: ${inputs.failOn})\n`,
    );
  }
  return code;
}

process.exitCode = run();
