/** What a user sees while editing one template, for every registered format. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CASES, SKIPPED } from './cases';
import { actionsAt, closeAll, codeOf, fileUri, open, ours, waitFor } from './util';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('editor', function () {
  this.timeout(60000);
  before(() => {
    if (SKIPPED.length > 0)
      console.log(`  (formats not registered in the engine yet, not covered: ${SKIPPED.join(', ')})`);
  });
  afterEach(closeAll);

  for (const c of CASES) {
    describe(c.format, () => {
      it('shows diagnostics on the open buffer, with rule code, docs link and source', async () => {
        const editor = await open(c.live);
        const d = await waitFor(`${c.ruleId} on ${c.live}`, () => ours(editor.document.uri, c.ruleId)[0]);
        assert.equal(d.source, 'Responsibility Lens');
        assert.ok(
          typeof d.code === 'object' && String(d.code.target).includes(`${c.ruleId}.md`),
          `docs link in ${JSON.stringify(d.code)}`,
        );
        if (c.related) {
          const rel = await waitFor('a related location', () => ours(editor.document.uri, c.related?.ruleId)[0]);
          assert.match(rel.relatedInformation?.[0]?.message ?? '', c.related.message);
        }
      });

      it('updates diagnostics as the unsaved buffer changes', async () => {
        const editor = await open(c.live);
        const d = await waitFor('the finding', () => ours(editor.document.uri, c.ruleId)[0]);
        const line = editor.document.lineAt(d.range.start.line);
        const at = line.text.indexOf('TLS1_0');
        assert.ok(at >= 0, `TLS1_0 on line ${line.lineNumber}: ${line.text}`);
        await editor.edit((e) => e.replace(new vscode.Range(line.lineNumber, at, line.lineNumber, at + 6), 'TLS1_2'));
        await waitFor('the finding to go away while typing', () => ours(editor.document.uri, c.ruleId).length === 0);
        assert.ok(editor.document.isDirty);
      });

      it('hovers with layer, responsibility row, fix, MCSB, policy and docs link', async () => {
        const editor = await open(c.live);
        const d = await waitFor('the finding', () => ours(editor.document.uri, c.ruleId)[0]);
        const hovers = await waitFor('a hover', async () => {
          const h = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            editor.document.uri,
            d.range.start.translate(0, 1),
          );
          return hoverText(h).includes(c.ruleId) ? h : undefined;
        });
        const text = hoverText(hovers);
        for (const expected of [
          'Configurations and settings',
          'On-premises',
          'IaaS',
          '**▶ PaaS**',
          'SaaS',
          '**Customer**',
          'Why it matters',
          'MCSB DP-3',
          'fe83a0eb-a853-422d-aac2-1bffd182c5d0',
          'Rule documentation',
        ]) {
          assert.ok(text.includes(expected), `hover lacks ${JSON.stringify(expected)}:\n${text}`);
        }
        assert.match(text, /```[a-z]*\n[^`]*TLS1_2/, 'the fix as a code block');
        assert.match(text, c.fixSnippet);
        // What to change first, then whose layer it is, why, the controls and the links (issue 17).
        const order = ['```', '**Layer:**', 'On-premises', 'Why it matters', 'MCSB DP-3', 'Rule documentation'].map(
          (x) => text.indexOf(x),
        );
        assert.deepEqual(
          order,
          [...order].sort((a, b) => a - b),
          `hover order:\n${text}`,
        );
      });

      it('hovers on the resource type with its service model and what the customer owns', async () => {
        const editor = await open(c.live);
        await waitFor('the finding', () => ours(editor.document.uri, c.ruleId).length > 0);
        const offset = editor.document.getText().indexOf(c.typeName);
        const text = await waitFor('a resource type hover', async () => {
          const h = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            editor.document.uri,
            editor.document.positionAt(offset + 3),
          );
          const t = hoverText(h);
          return t.includes('delivered as') ? t : undefined;
        });
        assert.match(text, /delivered as \*\*PaaS\*\*/);
        assert.match(text, /You own:.*Network controls \(shared\)/);
        assert.match(text, /Microsoft secures:.*Operating system/);
      });

      it('Explain Finding at Cursor opens the long explanation of the finding under the cursor', async () => {
        const editor = await open(c.live);
        const d = await waitFor('the finding', () => ours(editor.document.uri, c.ruleId)[0]);
        const at = d.range.start.translate(0, 1);
        editor.selection = new vscode.Selection(at, at);
        const text = await vscode.commands.executeCommand<string | undefined>('rlens.explainFinding');
        assert.ok(text, 'the command returns the explanation');
        for (const expected of [
          `**${c.ruleId}**`,
          'Configurations and settings',
          '**▶ PaaS**',
          '**Customer**',
          'Why it matters',
          'MCSB DP-3',
          '**References**',
          'Rule documentation',
        ]) {
          assert.ok(text.includes(expected), `explanation lacks ${JSON.stringify(expected)}:\n${text}`);
        }
        assert.match(text, new RegExp(`\`\`\`${c.fence}\n[^\`]*TLS1_2`), 'the fix in the file syntax');
        // Shown beside the editor as a read-only document (rendered by the Markdown preview when present).
        await waitFor('the explanation document', () =>
          vscode.workspace.textDocuments.some(
            (doc) => doc.uri.scheme === 'rlens-explain' && doc.getText() === `# ${c.ruleId}\n\n${text}\n`,
          ),
        );
      });

      it('Explain Finding at Cursor explains the resource type where there is no finding, and nothing outside resources', async () => {
        const editor = await open(c.live);
        await waitFor('the finding', () => ours(editor.document.uri, c.ruleId).length > 0);
        const at = editor.document.positionAt(editor.document.getText().indexOf(c.quietText) + 1);
        editor.selection = new vscode.Selection(at, at);
        const text = await vscode.commands.executeCommand<string | undefined>('rlens.explainFinding');
        assert.match(text ?? '', /delivered as \*\*PaaS\*\*/);
        assert.match(text ?? '', /You own:/);
        const end = editor.document.positionAt(editor.document.getText().length);
        editor.selection = new vscode.Selection(end, end);
        assert.equal(await vscode.commands.executeCommand('rlens.explainFinding'), undefined);
      });

      it('applies the preferred quick fix and the finding disappears', async () => {
        const editor = await open(c.live);
        const d = await waitFor('the finding', () => ours(editor.document.uri, c.ruleId)[0]);
        const fix = await actionsAt(
          editor.document.uri,
          d.range,
          (a) =>
            a.kind?.value === 'quickfix' &&
            a.isPreferred === true &&
            a.edit !== undefined &&
            a.title.includes('TLS1_2'),
        );
        assert.ok(await vscode.workspace.applyEdit(fix.edit!));
        await waitFor('the finding to disappear after the fix', () => ours(editor.document.uri, c.ruleId).length === 0);
        assert.match(editor.document.getText(), /TLS1_2/);
        const learn = await actionsAt(editor.document.uri, new vscode.Range(0, 0, editor.document.lineCount, 0), (a) =>
          a.title.startsWith('Learn more'),
        );
        assert.match(learn.command?.command ?? '', /open$/);
      });

      it('writes a reasoned suppression and the finding disappears', async () => {
        const editor = await open(c.live);
        const d = await waitFor('the finding', () => ours(editor.document.uri, c.ruleId)[0]);
        const suppress = await actionsAt(
          editor.document.uri,
          d.range,
          (a) => a.title === `Suppress ${c.ruleId} for this resource…`,
        );
        const reason = 'Legacy clients until the 2027 migration (e2e)';
        const command = suppress.command;
        assert.ok(command);
        const [args] = (command.arguments ?? []) as object[];
        assert.equal(await vscode.commands.executeCommand(command.command, { ...args, reason }), true);
        const text = editor.document.getText();
        assert.ok(text.includes(reason) && text.includes(c.ruleId), `suppression with reason written:\n${text}`);
        await waitFor(
          'the finding to disappear after suppression',
          () => ours(editor.document.uri, c.ruleId).length === 0,
        );
      });
    });
  }

  it('analyses an untitled buffer and clears its diagnostics when it is closed', async () => {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri('arm/storage.json')));
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(doc);
    await waitFor('a finding on the untitled buffer', () => ours(doc.uri, 'STG-TLS').length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('diagnostics cleared on close', () => doc.isClosed && ours(doc.uri).length === 0);
  });

  it('reports a file that cannot be analysed with one diagnostic saying why', async () => {
    const editor = await open('arm/broken.json');
    const problems = await waitFor('the analysis diagnostic', () => {
      const all = ours(editor.document.uri).filter((d) => codeOf(d) === 'analysis');
      return all.length > 0 ? all : undefined;
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /could be analysed (only in part|not at all): invalid JSON/);
  });

  it('validates .rlens.yaml and shows its problems as diagnostics on the file', async () => {
    const editor = await open('.rlens.yaml');
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'rules:\n  STG-TLS: loud\n'));
    const problems = await waitFor('a config diagnostic', () => {
      const d = vscode.languages
        .getDiagnostics(fileUri('.rlens.yaml'))
        .filter((x) => x.source === 'Responsibility Lens');
      return d.length > 0 ? d : undefined;
    });
    assert.ok(
      problems.some((p) => /Map keys must be unique|must be one of/.test(p.message)),
      problems.map((p) => p.message).join('\n'),
    );
  });
});
