/**
 * Responsibility Lens in the editor. Activation is lazy (package.json: `onLanguage` for the IaC languages, the
 * commands and the view); everything registered here is cheap, and the engine runs only when a template opens.
 * The same entry point is bundled for Node (desktop, remote) and for the browser (vscode.dev): it uses only
 * the `vscode` API, never `fs`.
 */
import * as vscode from 'vscode';
import { Analyzer } from './analyzer';
import { ResponsibilityCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { DiagnosticsPublisher, LiveDiagnostics } from './diagnostics';
import { pathOf } from './file-host';
import { ResponsibilityHover } from './hover';
import { ResponsibilityView } from './responsibility-view';
import { Settings } from './settings';
import { ResponsibilityTree } from './tree';
import { UnusedConfigSuppressions } from './unused-config';
import { IAC_GLOB, scanFile } from './workspace-scan';

/** Languages whose documents may be templates; the engine's formats decide per file. */
export const SELECTOR: vscode.DocumentSelector = [
  'bicep',
  'bicep-params',
  'terraform',
  'terraform-vars',
  'json',
  'jsonc',
  'arm-template',
].map((language) => ({ language }));

export function activate(context: vscode.ExtensionContext): void {
  const findings = vscode.languages.createDiagnosticCollection('rlens');
  const configProblems = vscode.languages.createDiagnosticCollection('rlens-config');
  const settings = new Settings(configProblems);
  const analyzer = new Analyzer(settings);
  const publisher = new DiagnosticsPublisher(analyzer, findings);
  const live = new LiveDiagnostics(analyzer, settings, async (uri) => void (await scanFile(analyzer, uri)));
  const view = new ResponsibilityView(analyzer, context.extensionUri);
  const tree = new ResponsibilityTree(analyzer);
  const unusedConfig = new UnusedConfigSuppressions(
    analyzer,
    settings,
    live,
    vscode.languages.createDiagnosticCollection('rlens-config-unused'),
  );
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');

  // Options changed: affected stored results are rescanned, open buffers from their text, the rest from disk. An
  // edit of `.rlens.yaml` affects only the documents it governs; a setting affects every document.
  const rescanAll = (editedConfig: vscode.Uri | undefined): void => {
    const affected = (uri: vscode.Uri): boolean => editedConfig === undefined || settings.governs(uri);
    for (const s of analyzer.all()) {
      if (affected(s.uri) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === s.uri.toString()))
        void scanFile(analyzer, s.uri);
    }
    live.rescanOpen(affected);
  };

  // A parameter file or module changed on disk: drop it from the host's cache and rescan what depends on it.
  const watcher = vscode.workspace.createFileSystemWatcher(IAC_GLOB);
  const onDisk = (uri: vscode.Uri): void => {
    const path = pathOf(uri);
    analyzer.host.invalidate(path);
    for (const s of analyzer.all()) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === s.uri.toString());
      if (s.result.document?.dependencies.includes(path)) {
        if (open) live.schedule(open, 0);
        else void scanFile(analyzer, s.uri);
      } else if (!open && s.uri.toString() === uri.toString()) {
        void scanFile(analyzer, s.uri);
      }
    }
  };

  // `.rlens.yaml` edited outside the editor (or created, or deleted).
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.rlens.yaml');
  const reloadConfig = (): void => void settings.reloadYaml();

  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidChange(reloadConfig),
    configWatcher.onDidCreate(reloadConfig),
    configWatcher.onDidDelete(reloadConfig),
    findings,
    configProblems,
    settings,
    analyzer,
    publisher,
    live,
    view,
    tree,
    unusedConfig,
    watcher,
    watcher.onDidChange(onDisk),
    watcher.onDidCreate(onDisk),
    watcher.onDidDelete(onDisk),
    settings.onDidChange(rescanAll),
    vscode.languages.registerHoverProvider(SELECTOR, new ResponsibilityHover(analyzer)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ResponsibilityCodeActions(analyzer), {
      providedCodeActionKinds: ResponsibilityCodeActions.kinds,
    }),
    vscode.window.registerTreeDataProvider('rlens.responsibilities', tree),
    ...registerCommands({ analyzer, settings, live, view, version }),
    // For the e2e suite: "Your responsibilities" as it would render, layer → resource → finding.
    vscode.commands.registerCommand('rlens.internal.treeReport', () => tree.snapshot()),
  );
  void settings.reloadYaml();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
