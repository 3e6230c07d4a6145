/**
 * Effective options: the workspace's `.rlens.yaml` (shared with the CLI and the team) overlaid by `rlens.*`
 * settings (the user's own choices win). Problems in `.rlens.yaml` become diagnostics on that file.
 */
import * as vscode from 'vscode';
import {
  allRules,
  EMPTY_CONFIG,
  LineIndex,
  parseRlensConfig,
  scanOptionsFrom,
  type RlensConfig,
  type RuleSetting,
  type ScanOptions,
} from '../engine';
import { pathOf, readText } from './file-host';
import { governedBy, KeyedDebouncer } from './keyed-debouncer';

export const SOURCE = 'Responsibility Lens';
/** Folders never worth scanning: dependencies, provider caches, VCS. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.terraform/**', '**/.git/**'];

export class Settings implements vscode.Disposable {
  private yaml: RlensConfig = EMPTY_CONFIG;
  private yamlUri: vscode.Uri | undefined;
  private yamlText: string | undefined;
  /** Fired with the `.rlens.yaml` whose edit changed the options (only documents it governs need a rescan), or
   * with undefined when a setting or the configuration's location changed (every document). */
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  private readonly yamlEdits = new KeyedDebouncer<string>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly problems: vscode.DiagnosticCollection) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('rlens')) return;
        if (e.affectsConfiguration('rlens.config.path')) void this.reloadYaml();
        else this.changed.fire(undefined);
      }),
      // Live validation while `.rlens.yaml` is edited, debounced like diagnostics: a burst of keystrokes parses
      // once and rescans once, and only the documents this file governs.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.isYaml(e.document.uri)) return;
        const doc = e.document;
        this.yamlEdits.schedule(doc.uri.toString(), this.debounceMs, () => {
          if (this.isYaml(doc.uri) && !doc.isClosed) this.applyYaml(doc.getText(), doc.uri);
        });
      }),
    );
  }

  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('rlens');
  }

  /** `.rlens.yaml` of the first workspace folder (or the configured path); relative paths resolve against it. */
  configUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const path = this.section.get<string>('config.path', '.rlens.yaml') || '.rlens.yaml';
    const uri = /^([a-zA-Z]:)?[\\/]/.test(path)
      ? vscode.Uri.file(path)
      : folder
        ? vscode.Uri.joinPath(folder.uri, path)
        : undefined;
    // An untrusted repository must not make the extension read elsewhere (`/dev/zero`, a UNC share).
    if (uri && !vscode.workspace.isTrusted && !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    return uri;
  }

  isYaml(uri: vscode.Uri): boolean {
    return this.yamlUri?.toString() === uri.toString();
  }

  async reloadYaml(): Promise<void> {
    if (this.yamlUri) this.problems.delete(this.yamlUri);
    this.yamlEdits.dispose();
    this.yamlUri = this.configUri();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.yamlUri?.toString());
    const text = open ? open.getText() : this.yamlUri ? await readText(this.yamlUri) : undefined;
    this.applyYaml(text);
  }

  /** The `.rlens.yaml` in force: where it is, its text and what it says (undefined when there is none). */
  configFile(): { readonly uri: vscode.Uri; readonly text: string; readonly config: RlensConfig } | undefined {
    return this.yamlUri && this.yamlText !== undefined
      ? { uri: this.yamlUri, text: this.yamlText, config: this.yaml }
      : undefined;
  }

  /** Is the document governed by the `.rlens.yaml` in force (inside its folder)? Others get settings only. */
  governs(uri: vscode.Uri): boolean {
    return this.yamlUri !== undefined && governedBy(pathOf(this.yamlUri), pathOf(uri));
  }

  private yamlFor(uri: vscode.Uri | undefined): RlensConfig {
    return uri === undefined || this.governs(uri) ? this.yaml : EMPTY_CONFIG;
  }

  private applyYaml(text: string | undefined, editedFile?: vscode.Uri): void {
    this.yamlText = text;
    if (text === undefined || !this.yamlUri) {
      this.yaml = EMPTY_CONFIG;
    } else {
      const { config, problems } = parseRlensConfig(
        text,
        allRules().map((r) => r.id),
      );
      this.yaml = config;
      const index = new LineIndex(text);
      const pos = (offset: number): vscode.Position => {
        const p = index.positionAt(offset);
        return new vscode.Position(p.line, p.character);
      };
      this.problems.set(
        this.yamlUri,
        problems.map((p) => {
          const d = new vscode.Diagnostic(
            new vscode.Range(pos(p.span.start), pos(p.span.end)),
            p.message,
            p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          d.source = SOURCE;
          return d;
        }),
      );
    }
    this.changed.fire(editedFile);
  }

  get debounceMs(): number {
    return Math.max(0, this.section.get<number>('diagnostics.debounce', 300));
  }

  /** An explicit user or workspace setting wins over `.rlens.yaml`; the default does not. */
  get reportUnknown(): boolean {
    return this.reportUnknownFor(undefined);
  }

  private reportUnknownFor(uri: vscode.Uri | undefined): boolean {
    const i = this.section.inspect<boolean>('diagnostics.reportUnknown');
    const explicit = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    return explicit ?? this.yamlFor(uri).reportUnknown ?? false;
  }

  async toggleReportUnknown(): Promise<boolean> {
    const next = !this.reportUnknown;
    const target = vscode.workspace.workspaceFolders
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await this.section.update('diagnostics.reportUnknown', next, target);
    return next;
  }

  get excludes(): string[] {
    return [...ALWAYS_EXCLUDED, ...this.yaml.exclude, ...this.section.get<string[]>('scan.exclude', [])];
  }

  /** Is the document excluded by `rlens.scan.exclude` or `.rlens.yaml`? Globs are relative to its workspace folder. */
  isExcluded(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const fake = { uri, languageId: '', fileName: uri.fsPath, isUntitled: false } as unknown as vscode.TextDocument;
    return this.excludes.some(
      (glob) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, fake) > 0,
    );
  }

  /** An explicit user or workspace setting, else undefined (so that `.rlens.yaml` decides). */
  private explicit<T>(key: string): T | undefined {
    const i = this.section.inspect<T>(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  }

  /**
   * `.rlens.yaml` overlaid by the explicit settings (the engine's one mapping, as the CLI's flags). For a
   * document outside the configuration's folder, the settings alone; without a URI, the configuration's own.
   */
  scanOptions(uri?: vscode.Uri): ScanOptions {
    const reportUnknown = this.explicit<boolean>('diagnostics.reportUnknown');
    const allowedLocations = this.explicit<string[]>('residency.allowedLocations');
    const requireCustomerManagedKeys = this.explicit<boolean>('encryption.requireCustomerManagedKeys');
    return scanOptionsFrom(this.yamlFor(uri), {
      rules: this.section.get<Record<string, RuleSetting>>('rules.severity', {}),
      ...(reportUnknown !== undefined ? { reportUnknown } : {}),
      ...(allowedLocations ? { allowedLocations } : {}),
      ...(requireCustomerManagedKeys !== undefined ? { requireCustomerManagedKeys } : {}),
    });
  }

  dispose(): void {
    this.yamlEdits.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
