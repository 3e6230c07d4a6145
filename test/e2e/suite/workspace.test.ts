/** Workspace-wide surfaces: Scan Workspace, the responsibility view, SARIF export, the unknown-values toggle. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { layerById, ruleById, serviceModelOf } from '../../../src/engine';
import { CASES } from './cases';
import { closeAll, codeOf, fileUri, ours, waitFor } from './util';

interface TreeNode {
  readonly label: string;
  readonly description: string;
  readonly collapsed?: boolean;
  readonly children?: readonly TreeNode[];
}

interface ViewReport {
  readonly scope?: string;
  readonly cells: Record<string, { open: number; owner: string; score: string }>;
  readonly totalOpen: number;
}

describe('workspace', function () {
  this.timeout(60000);
  after(closeAll);

  it('Scan Workspace reports files that were never opened, and respects excludes', async () => {
    for (const c of CASES)
      assert.equal(ours(fileUri(c.neverOpened)).length, 0, `${c.neverOpened} is not reported before the scan`);
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>(
      'rlens.scanWorkspace',
    );
    assert.equal(summary.cancelled, false);
    for (const c of CASES) {
      await waitFor(
        `${c.neverOpenedRule} on ${c.neverOpened}`,
        () => ours(fileUri(c.neverOpened), c.neverOpenedRule).length > 0,
      );
      assert.ok(
        !vscode.workspace.textDocuments.some((d) => d.uri.toString() === fileUri(c.neverOpened).toString()),
        'the scan did not open the file',
      );
    }
    // KV-RBAC: warning in .rlens.yaml must not matter here, but the exclude must: excluded/ is never reported.
    assert.equal(ours(fileUri('excluded/ignored.json')).length, 0, 'excluded/** is skipped');
    assert.equal(ours(fileUri('config/app.json')).length, 0, 'plain JSON is not a template');
    assert.ok(summary.files >= CASES.length * 2, `scanned ${summary.files} files`);
  });

  it('after Scan Workspace, a .rlens.yaml suppression that matches nothing is reported on its line', async () => {
    const unused = await waitFor('RLENS-UNUSED-SUPPRESSION on .rlens.yaml', () => {
      const d = ours(fileUri('.rlens.yaml'), 'RLENS-UNUSED-SUPPRESSION');
      return d.length > 0 ? d : undefined;
    });
    assert.equal(unused.length, 1, unused.map((d) => d.message).join('\n'));
    const text = (await vscode.workspace.openTextDocument(fileUri('.rlens.yaml'))).getText().split('\n');
    assert.match(text[unused[0]!.range.start.line] ?? '', /no-such-account/);
    assert.match(unused[0]!.message, /STG-TLS/);
    assert.equal(unused[0]!.severity, vscode.DiagnosticSeverity.Information);
  });

  it('"Your responsibilities" lists layer → resource → finding for every open finding', async () => {
    // Expected leaves from the Problems the scan produced: "layer title / file / RULE: message".
    const expected: string[] = [];
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      if (uri.path.endsWith('.rlens.yaml')) continue; // configuration findings belong to no resource
      for (const d of diags) {
        const rule = d.source === 'Responsibility Lens' ? ruleById(codeOf(d) ?? '') : undefined;
        if (rule)
          expected.push(
            `${layerById(rule.layer).title} / ${vscode.workspace.asRelativePath(uri)} / ${rule.id}: ${d.message}`,
          );
      }
    }
    assert.ok(expected.length > 0, 'the workspace has open findings');
    const tree = await vscode.commands.executeCommand<TreeNode[]>('rlens.internal.treeReport');
    const leaves: string[] = [];
    for (const layer of tree) {
      const count = (layer.children ?? []).reduce((n, r) => n + (r.children?.length ?? 0), 0);
      assert.equal(layer.description, `${count} open`, `${layer.label}: its count is the number of findings under it`);
      for (const resource of layer.children ?? []) {
        // The name alone, never a raw ARM expression; its own count (not the file's), the short type, the file.
        assert.doesNotMatch(resource.label, /^\[|\(Microsoft\./, `resource label: ${resource.label}`);
        const [n, type, file] = resource.description.split(' · ');
        assert.equal(n, `${resource.children?.length} open`, `${resource.label}: its own count`);
        assert.match(type ?? '', /^[A-Za-z]\w*$/, `${resource.label}: short type`);
        assert.equal(resource.collapsed, true, `${resource.label}: collapsed below the layer level`);
        for (const finding of resource.children ?? []) {
          assert.match(
            finding.description,
            /^(Customer|Shared)( · (IaaS|PaaS|SaaS))?$/,
            `${finding.label}: owner and model`,
          );
          leaves.push(`${layer.label} / ${file} / ${finding.label}`);
        }
      }
    }
    assert.deepEqual(leaves.sort(), expected.sort());
    // Layers in Microsoft's order, none of them Microsoft-owned for the models in use (those hold no findings).
    assert.ok(tree.some((l) => l.label === 'Configurations and settings'));
    for (const c of CASES)
      assert.ok(
        leaves.some((l) => l.includes(c.neverOpened) && l.includes(c.neverOpenedRule)),
        `${c.neverOpened} in the tree`,
      );
  });

  it('the responsibility view opens and its DOM shows the open findings per cell', async () => {
    // Expected counts from the Problems the scan produced: each rule's layer, each resource type's model.
    const expected = new Map<string, number>();
    let total = 0;
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      if (uri.path.endsWith('.rlens.yaml')) continue; // configuration findings belong to no resource
      for (const d of diags) {
        const rule = d.source === 'Responsibility Lens' ? ruleById(codeOf(d) ?? '') : undefined;
        if (!rule) continue;
        const model = serviceModelOf(rule.resourceTypes[0] ?? '')?.model ?? 'PaaS';
        const key = `${rule.layer}|${model}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
        total++;
      }
    }
    assert.ok(total > 0, 'the workspace has open findings');
    const report = await vscode.commands.executeCommand<ViewReport>('rlens.showResponsibilityView');
    assert.equal(report.totalOpen, total, 'summary count');
    // The suite scanned the workspace above: the heading says so, with the time of the scan.
    assert.match(report.scope ?? '', /^in the workspace \(scanned at .+\)$/, 'scope label');
    for (const [key, n] of expected) assert.equal(report.cells[key]?.open, n, `open findings in cell ${key}`);
    const microsoft = report.cells['physical-datacenter|PaaS'];
    assert.equal(microsoft?.owner, 'microsoft');
    assert.equal(report.cells['configurations|PaaS']?.owner, 'customer');
    assert.match(report.cells['configurations|PaaS']?.score ?? '', /^Score \d+\/\d+ \(\d+%\)$/);
    assert.equal(report.cells['operating-system|PaaS']?.open, 0, 'Microsoft-owned cells never list findings');
  });

  it('exports a SARIF report of the workspace', async () => {
    const target = fileUri('out/rlens.sarif');
    const written = await vscode.commands.executeCommand<vscode.Uri>('rlens.exportSarif', target);
    assert.equal(written?.toString(), target.toString());
    const sarif = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as {
      version: string;
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0]?.results ?? [];
    for (const c of CASES) {
      assert.ok(
        results.some(
          (r) =>
            r.ruleId === c.neverOpenedRule && r.locations[0]?.physicalLocation.artifactLocation.uri === c.neverOpened,
        ),
        `${c.neverOpened} in SARIF`,
      );
    }
  });

  it('toggles the reporting of values known only at deployment', async () => {
    const before = vscode.workspace.getConfiguration('rlens').get<boolean>('diagnostics.reportUnknown');
    const on = await vscode.commands.executeCommand<boolean>('rlens.toggleUnknownValues');
    assert.equal(on, !before);
    assert.equal(vscode.workspace.getConfiguration('rlens').get<boolean>('diagnostics.reportUnknown'), on);
    assert.equal(await vscode.commands.executeCommand<boolean>('rlens.toggleUnknownValues'), before);
  });
});
