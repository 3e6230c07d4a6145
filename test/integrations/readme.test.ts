/** The README's integration snippets are the real files (or run the real commands), so copying them works. */
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- reads parsed YAML and JSON documents */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { parseArgs } from '../../src/cli/args';
import { ROOT } from '../helpers/fixtures';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const read = (...p: string[]): string => readFileSync(join(ROOT, ...p), 'utf8');

/** The fenced block of `lang` that follows the first occurrence of `after` in the README. */
function blockAfter(after: string, lang: string): string {
  const at = README.indexOf(after);
  assert.ok(at >= 0, `README mentions: ${after}`);
  const open = README.indexOf(`\`\`\`${lang}\n`, at);
  assert.ok(open >= 0, `a ${lang} block after: ${after}`);
  const start = open + lang.length + 4;
  return README.slice(start, README.indexOf('```\n', start));
}

describe('README integration snippets', () => {
  it('shows the GitHub workflow file as it is', () => {
    assert.equal(
      blockAfter('uploads the SARIF\nreport to code scanning', 'yaml'),
      read('integrations', 'github', 'rlens.yml'),
    );
    const wf = parse(read('integrations', 'github', 'rlens.yml'));
    const steps = wf.jobs.scan.steps as Array<Record<string, unknown>>;
    assert.ok(steps.some((s) => s['uses'] === './' && s['id'] === 'rlens'));
    assert.ok(
      steps.some(
        (s) =>
          String(s['uses']).startsWith('github/codeql-action/upload-sarif@') &&
          String((s['with'] as Record<string, string>)['sarif_file']).includes('steps.rlens.outputs.sarif'),
      ),
    );
  });

  it('shows the command line of the Azure Pipelines template with its default parameters', () => {
    const template = parse(read('integrations', 'azure-pipelines', 'rlens-steps.yml'));
    const defaults = Object.fromEntries(
      (template.parameters as Array<{ name: string; default: string }>).map((p) => [p.name, p.default]),
    );
    const script = (template.steps[0].script as string).replace(
      /\$\{\{ parameters\.(\w+) \}\}/g,
      (_, name: string) => defaults[name] as string,
    );
    assert.equal(blockAfter('With the default parameters its step runs:', 'sh').trim(), script);
    assert.equal(
      template.steps[1].inputs.ArtifactName,
      'CodeAnalysisLogs',
      'the SARIF SAST Scans Tab reads this artifact',
    );
    const use = parse(blockAfter('the HTML report as `ResponsibilityLens`', 'yaml'));
    assert.equal(use.steps[0].template, basename('integrations/azure-pipelines/rlens-steps.yml'));
    for (const name of Object.keys(use.steps[0].parameters)) assert.ok(name in defaults, name);
    // The CLI accepts the command's arguments.
    assert.doesNotThrow(() => parseArgs(script.split(' ').slice(script.split(' ').indexOf('rlens') + 1)));
  });

  it('names the pre-commit hook the manifest declares, and the tarball npm pack makes', () => {
    const hooks = parse(read('.pre-commit-hooks.yaml')) as Array<{ id: string }>;
    const config = parse(blockAfter('In your\n`.pre-commit-config.yaml`', 'yaml'));
    assert.deepEqual(
      config.repos[0].hooks.map((h: { id: string }) => h.id),
      hooks.map((h) => h.id),
    );
    const pkg = JSON.parse(read('package.json'));
    const npx = blockAfter('`npm pack` builds (`prepack`)', 'sh');
    assert.ok(npx.includes(`--package ./${pkg.name}-${pkg.version}.tgz ${Object.keys(pkg.bin)[0]} scan`), npx);
    assert.ok(README.includes(`Node ${pkg.engines.node.replace('>=', '')} or newer`));
  });

  it('shows report commands the CLI accepts', () => {
    const line = blockAfter('`--format markdown` is a short summary', 'sh').trim().split(' ');
    const args = parseArgs(line.slice(2));
    assert.ok(args.command === 'scan' && args.format === 'markdown' && args.reports.length === 2);
  });
});
