/** The editor's pure parts: explanations, the responsibility matrix, `.rlens.yaml` validation and the view's HTML. */
import * as assert from 'node:assert/strict';
import { allRules, scanText } from '../../src/engine';
import { parseRlensConfig } from '../../src/engine/editor-support/config';
import {
  bySeverity,
  escapeMarkdown,
  explainFinding,
  explainResourceType,
  remediationFor,
  responsibilityRow,
} from '../../src/engine/editor-support/explain';
import { buildMatrix, formatScore } from '../../src/engine/editor-support/matrix';
import { renderView, scopeLabel } from '../../src/extension/view-html';
import { listName } from '../../src/engine/editor-support/names';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "st1", "location": "westeurope",
      "kind": "StorageV2", "sku": { "name": "Standard_LRS" },
      "properties": { "minimumTlsVersion": "TLS1_0", "allowBlobPublicAccess": false, "allowSharedKeyAccess": false,
        "networkAcls": { "defaultAction": "Deny" } },
      "metadata": { "rlens-disable": [ { "rule": "STG-PUBLIC-NET", "reason": "test" } ] } }
  ]
}`;

describe('editor support', () => {
  const result = scanText(TEMPLATE, '/w/main.json');
  const tls = result.findings.find((f) => f.ruleId === 'STG-TLS');

  it('explains a finding: layer, highlighted row, why, fix in the file syntax, MCSB, policy, docs', () => {
    assert.ok(tls);
    const md = explainFinding(tls, { format: 'arm' });
    assert.match(md, /\*\*STG-TLS\*\*/);
    assert.match(
      md,
      /\*\*Layer:\*\* Configurations and settings — \*\*customer\*\* responsibility for this PaaS resource/,
    );
    assert.match(md, /\| On-premises \| IaaS \| \*\*▶ PaaS\*\* \| SaaS \|/);
    assert.match(md, /```json\n"TLS1_2"\n```/);
    assert.match(md, /MCSB DP-3/);
    assert.match(md, /fe83a0eb-a853-422d-aac2-1bffd182c5d0/);
    assert.match(md, /\[Rule documentation\]\(https:.*STG-TLS\.md\)/);
  });

  it("hover order: fix first (in the file's dialect only), then layer and row, why, controls, links; no message", () => {
    assert.ok(tls);
    const md = explainFinding(tls, { format: 'arm' });
    const at = (re: RegExp): number => md.search(re);
    const order = [
      /\*\*STG-TLS\*\*/,
      /\*\*Fix:\*\*/,
      /```json/,
      /\*\*Layer:\*\*/,
      /\| On-premises/,
      /\*\*Why it matters:\*\*/,
      /MCSB DP-3/,
      /\[Rule documentation\]/,
    ].map(at);
    assert.ok(
      order.every((x) => x >= 0),
      JSON.stringify(order),
    );
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      md,
    );
    assert.doesNotMatch(md, /min_tls_version|azurerm/, 'an ARM hover does not tell the reader to write azurerm');
    assert.ok(!md.includes(escapeMarkdown(tls.message)), 'the editor shows the message above the hover');
    assert.ok(
      explainFinding(tls, { format: 'arm', long: true }).includes(escapeMarkdown(tls.message)),
      'Explain keeps it',
    );
    assert.equal(remediationFor('Set x to y (azurerm x_y = "z").', 'bicep'), 'Set x to y.');
    assert.equal(remediationFor('Set x to y (azurerm x_y = "z").', 'terraform'), 'Set x to y (azurerm x_y = "z").');
  });

  it('several findings at one place: the most severe first, the others compact', () => {
    const at = result.findings.filter((f) => f.span.start === tls?.span.start || f.ruleId !== 'STG-TLS');
    const sorted = bySeverity(at);
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < sorted.length; i++) assert.ok(rank[sorted[i - 1]!.severity] <= rank[sorted[i]!.severity]);
    const compact = explainFinding(sorted[sorted.length - 1]!, { format: 'arm', compact: true });
    assert.match(compact, /\*\*Layer:\*\*/);
    assert.doesNotMatch(compact, /On-premises|Why it matters|Rule documentation/);
  });

  it('explains a resource type: model, what the customer owns, what Microsoft secures', () => {
    const md = explainResourceType('azurerm_kubernetes_cluster') ?? '';
    assert.match(md, /delivered as \*\*PaaS\*\*/);
    assert.match(md, /You own:.*Applications \(shared\)/);
    assert.match(md, /Microsoft secures:.*Physical datacenter/);
    assert.equal(explainResourceType('Contoso.Unknown/things'), undefined);
  });

  it('escapes Markdown in names and prints a row per layer', () => {
    assert.equal(escapeMarkdown('st_[x](y)'), 'st\\_\\[x\\]\\(y\\)');
    assert.match(responsibilityRow('network-controls', 'IaaS'), /\*\*Customer\*\* \| Shared \| Microsoft \|$/);
  });

  it('builds the matrix: open findings per cell, suppressed ones exempt from the score', () => {
    const m = buildMatrix(
      [{ file: '/w/main.json', resources: result.document?.resources ?? [], findings: result.findings }],
      allRules(),
    );
    assert.deepEqual(m.models, ['PaaS']);
    const cell = (layer: string, model: string) => m.cells.find((c) => c.layer === layer && c.model === model);
    assert.equal(cell('configurations', 'PaaS')?.findings.length, 1);
    assert.equal(cell('network-controls', 'PaaS')?.exempt, 1);
    assert.equal(cell('network-controls', 'PaaS')?.findings.length, 0);
    assert.equal(cell('operating-system', 'PaaS')?.owner, 'microsoft');
    assert.equal(cell('configurations', 'IaaS')?.inUse, false);
    const conf = cell('configurations', 'PaaS');
    assert.ok(conf && conf.applicable >= 1 && conf.passed === conf.applicable - 1);
    assert.match(formatScore(conf) ?? '', /^\d+\/\d+ \(\d+%\)$/);
  });

  it('renders the view with a nonce CSP, counts in the DOM and escaped data', () => {
    const m = buildMatrix(
      [{ file: '/w/main.json', resources: result.document?.resources ?? [], findings: result.findings }],
      allRules(),
    );
    const html = renderView(
      m,
      m.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: '</script><b>x',
        resource: 'st1',
        where: 'main.json:7',
      })),
      {
        cspSource: 'vscode-resource:',
        nonce: 'N0NCE',
        scriptUri: 'view.js',
        styleUri: 'view.css',
      },
    );
    assert.match(
      html,
      /default-src 'none'; style-src vscode-resource:; img-src vscode-resource:; script-src 'nonce-N0NCE';/,
    );
    assert.match(html, /data-cell="configurations\|PaaS" data-open="1"/);
    assert.ok(!html.includes('</script><b>'), 'data cannot close the script element');
    assert.equal((html.match(/<script /g) ?? []).length, 2);
    assert.match(html, /Microsoft secures the servers, firmware and hypervisor/);
  });

  it("says what the view's numbers cover: open files until a workspace scan, then the workspace and when", () => {
    const m = buildMatrix(
      [{ file: '/w/main.json', resources: result.document?.resources ?? [], findings: result.findings }],
      allRules(),
    );
    const assets = { cspSource: 'c', nonce: 'n', scriptUri: 's', styleUri: 'y' };
    assert.match(renderView(m, [], assets), /<h1>Shared responsibility <span id="scope">in open files<\/span><\/h1>/);
    assert.doesNotMatch(renderView(m, [], assets), /workspace<\/span>/);
    assert.match(
      renderView(m, [], assets, { kind: 'workspace', scannedAt: '14:02' }),
      /<span id="scope">in the workspace \(scanned at 14:02\)<\/span>/,
    );
    assert.equal(scopeLabel({ kind: 'open-files' }), 'in open files');
  });

  it('lists ARM names the engine could not evaluate by their literal start or their variable, never raw', () => {
    assert.equal(listName("[variables('storageName')]"), 'storageName');
    assert.equal(listName("[parameters('vmName')]"), 'vmName');
    assert.equal(listName("[concat('stdemo', uniqueString(resourceGroup().id))]"), "'stdemo…'");
    assert.equal(listName("[toLower(variables('x'))]"), 'x (computed)');
    assert.equal(listName('kv-demo'), 'kv-demo');
    assert.equal(listName('[resourceGroup().name]'), 'resourceGroup().name');
  });

  it('validates .rlens.yaml with spans, and keeps what is valid', () => {
    const text =
      'rules:\n  STG-TLS: warning\n  NOPE-X: off\n  KV-RBAC: loud\nexclude: [legacy/**]\nreportUnknown: yes\nsuppressions:\n  - rule: STG-TLS\n  - { rule: KV-PURGE, reason: lab vault, expires: 2027-01-31 }\ncolour: blue\n';
    const { config, problems } = parseRlensConfig(
      text,
      allRules().map((r) => r.id),
    );
    assert.deepEqual(config.rules, { 'STG-TLS': 'warning', 'NOPE-X': 'off' });
    assert.deepEqual(config.exclude, ['legacy/**']);
    assert.equal(config.reportUnknown, undefined);
    assert.deepEqual(
      config.suppressions.map(({ span: _span, ...s }) => s),
      [{ ruleId: 'KV-PURGE', reason: 'lab vault', expires: '2027-01-31' }],
    );
    const span = config.suppressions[0]?.span;
    assert.equal(
      span && text.slice(span.start, span.end),
      '{ rule: KV-PURGE, reason: lab vault, expires: 2027-01-31 }',
      'where an unused suppression is reported',
    );
    const messages = problems.map(
      (p) => `${p.severity}: ${p.message} @${text.slice(p.span.start, p.span.end).split('\n')[0]}`,
    );
    assert.deepEqual(messages, [
      "warning: unknown rule 'NOPE-X' @NOPE-X",
      "error: 'KV-RBAC' must be one of off, error, warning, info @loud",
      "error: 'reportUnknown' must be true or false @yes",
      "error: the suppression of STG-TLS needs a 'reason': say why the risk is accepted @rule: STG-TLS",
      "warning: unknown key 'colour' (expected rules, exclude, reportUnknown, suppressions, allowedLocations, requireCustomerManagedKeys) @colour",
    ]);
    assert.equal(parseRlensConfig('rules: [\n').problems[0]?.severity, 'error');
    assert.deepEqual(parseRlensConfig('').problems, []);
  });
});
