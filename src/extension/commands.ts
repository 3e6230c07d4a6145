/**
 * The palette commands (category "Responsibility Lens") and the internal ones behind code actions, the tree and
 * the view. Each returns something useful so that tests and other extensions can drive them.
 */
import * as vscode from 'vscode';
import { explainFinding, explainResourceType } from '../engine/editor-support';
import type { Analyzer } from './analyzer';
import { BoundedCache, textWeight } from './bounded-cache';
import { suppressFinding, SUPPRESS_COMMAND, type SuppressArgs } from './code-actions';
import type { LiveDiagnostics } from './diagnostics';
import { findingsAt } from './hover';
import type { ResponsibilityView } from './responsibility-view';
import type { Settings } from './settings';
import { OPEN_FINDING_COMMAND } from './tree';
import { sarifOf, scanWorkspace, type WorkspaceScanSummary } from './workspace-scan';

export const EXPLAIN_SCHEME = 'rlens-explain';

/** How many explanations stay readable (each Explain Finding opens a new one), and their total characters. */
export const EXPLANATION_LIMITS = { entries: 50, chars: 2 * 1024 * 1024 } as const;

/**
 * Read-only documents holding explanations, so a preview closes without "save changes?". Bounded: an evicted
 * explanation reopened (history, a restored tab) shows as empty, and Explain Finding makes a fresh one.
 */
export class ExplanationDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new BoundedCache<string, string>(
    EXPLANATION_LIMITS.entries,
    EXPLANATION_LIMITS.chars,
    textWeight,
  );
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
  }
}

interface Deps {
  readonly analyzer: Analyzer;
  readonly settings: Settings;
  readonly live: LiveDiagnostics;
  readonly view: ResponsibilityView;
  readonly version: string;
}

export function registerCommands(deps: Deps): vscode.Disposable[] {
  const { analyzer, settings, live, view } = deps;
  const explanations = new ExplanationDocuments();
  let explained = 0;

  const runScan = (): Thenable<WorkspaceScanSummary> =>
    vscode.window
      .withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'Responsibility Lens: scanning the workspace',
          cancellable: true,
        },
        (progress, token) => scanWorkspace(analyzer, settings, live, progress, token),
      )
      .then((summary) => {
        if (!summary.cancelled) view.workspaceScanned(new Date());
        return summary;
      });

  return [
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explanations),
    vscode.commands.registerCommand('rlens.showResponsibilityView', () => view.show()),
    vscode.commands.registerCommand('rlens.scanWorkspace', async () => {
      const summary = await runScan();
      const what = `${summary.findings} open finding${summary.findings === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'}`;
      void vscode.window.setStatusBarMessage(
        `Responsibility Lens: ${summary.cancelled ? 'scan cancelled; so far ' : ''}${what}`,
        8000,
      );
      return summary;
    }),
    vscode.commands.registerCommand('rlens.explainFinding', async () => {
      const editor = vscode.window.activeTextEditor;
      const state = editor && analyzer.current(editor.document);
      if (!editor || !state) {
        void vscode.window.showInformationMessage('Responsibility Lens: open an Azure template to explain a finding.');
        return undefined;
      }
      const offset = editor.document.offsetAt(editor.selection.active);
      const found = findingsAt(state.result.findings, state.path, offset)[0];
      const resource = state.result.document?.resources.find(
        (r) => r.file === state.path && r.span.start <= offset && offset < r.span.end,
      );
      const text = found
        ? explainFinding(found, { long: true, ...(state.result.format ? { format: state.result.format } : {}) })
        : resource && explainResourceType(resource.type);
      if (!text) {
        void vscode.window.showInformationMessage('Responsibility Lens: no finding at the cursor.');
        return undefined;
      }
      const uri = vscode.Uri.from({
        scheme: EXPLAIN_SCHEME,
        path: `/${found?.ruleId ?? 'resource'}.md`,
        query: String(++explained),
      });
      explanations.set(uri, `# ${found ? found.ruleId : (resource?.type ?? '')}\n\n${text}\n`);
      // The built-in Markdown preview renders it; without it (stripped-down hosts) the source is still readable.
      await vscode.commands
        .executeCommand('markdown.showPreviewToSide', uri)
        .then(undefined, () => vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside }));
      return text;
    }),
    vscode.commands.registerCommand('rlens.exportSarif', async (target?: vscode.Uri) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri =
        target ??
        (await vscode.window.showSaveDialog({
          title: 'Export SARIF Report',
          filters: { SARIF: ['sarif', 'json'] },
          ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'rlens.sarif') } : {}),
        }));
      if (!uri) return undefined;
      const summary = await runScan();
      if (summary.cancelled) return undefined;
      const text = `${JSON.stringify(sarifOf(analyzer, deps.version), null, 2)}\n`;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      if (!target)
        void vscode.window.showInformationMessage(
          `Responsibility Lens: SARIF report written to ${vscode.workspace.asRelativePath(uri)}.`,
        );
      return uri;
    }),
    vscode.commands.registerCommand('rlens.toggleUnknownValues', async () => {
      const on = await settings.toggleReportUnknown();
      void vscode.window.setStatusBarMessage(
        `Responsibility Lens: values known only at deployment are ${on ? 'now reported' : 'no longer reported'}.`,
        5000,
      );
      return on;
    }),
    vscode.commands.registerCommand(SUPPRESS_COMMAND, (args: SuppressArgs) => suppressFinding(analyzer, args)),
    vscode.commands.registerCommand(OPEN_FINDING_COMMAND, async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri, { selection: range, viewColumn: vscode.ViewColumn.One });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    // For the e2e suite: what the responsibility view's DOM shows, as its script reported it.
    vscode.commands.registerCommand('rlens.internal.viewReport', () => view.report()),
  ];
}
