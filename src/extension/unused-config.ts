/**
 * RLENS-UNUSED-SUPPRESSION for `.rlens.yaml` in the editor. Whether a configuration suppression is used can only
 * be told once every file it may cover was scanned, so nothing is reported before Scan Workspace; after it, the
 * verdicts follow edits (each stored scan records which suppressions it matched).
 */
import * as vscode from 'vscode';
import { allRules, LineIndex, ruleById, ruleDocsUrl, UNUSED_SUPPRESSION_ID, unusedConfigSuppressions } from '../engine';
import type { Analyzer } from './analyzer';
import type { LiveDiagnostics } from './diagnostics';
import { SOURCE, type Settings } from './settings';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export class UnusedConfigSuppressions implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly settings: Settings,
    private readonly live: LiveDiagnostics,
    private readonly collection: vscode.DiagnosticCollection,
  ) {
    // Debounced: a workspace scan stores hundreds of results in a row; one verdict at the end is enough.
    const later = (): void => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.refresh(), 50);
    };
    this.disposables.push(analyzer.onDidChange(later), settings.onDidChange(later));
  }

  refresh(): void {
    this.timer = undefined;
    const file = this.settings.configFile();
    this.collection.clear();
    if (!file || !this.live.keepClosedFiles) return;
    const states = this.analyzer.all();
    // After `.rlens.yaml` changed, stored results are rescanned one by one: judge once they all use the new one.
    if (states.some((s) => s.configSuppressions !== file.config.suppressions)) return;
    const rule = ruleById(UNUSED_SUPPRESSION_ID);
    const rules = this.settings.scanOptions().rules ?? {};
    const setting = rules[UNUSED_SUPPRESSION_ID];
    if (!rule || setting === 'off') return;
    const used = new Set(states.flatMap((s) => s.result.usedConfigSuppressions));
    const scanned = states.map((s) => s.path.replace(/\\/g, '/'));
    const findings = unusedConfigSuppressions({
      rule,
      configFile: file.uri.toString(),
      suppressions: file.config.suppressions,
      used,
      known: new Set(allRules().map((r) => r.id)),
      off: new Set(Object.keys(rules).filter((id) => rules[id] === 'off')),
      // Scan Workspace covered every file; one naming a file is judged when that file was scanned.
      covered: (c) => !c.file || scanned.some((p) => p.endsWith(c.file as string)),
      ...(setting ? { severity: setting } : {}),
    });
    const index = new LineIndex(file.text);
    this.collection.set(
      file.uri,
      findings.map((f) => {
        const a = index.positionAt(f.span.start);
        const b = index.positionAt(f.span.end);
        const d = new vscode.Diagnostic(
          new vscode.Range(a.line, a.character, b.line, b.character),
          f.message,
          SEVERITY[f.severity],
        );
        d.source = SOURCE;
        d.code = { value: f.ruleId, target: vscode.Uri.parse(ruleDocsUrl(f.ruleId)) };
        d.tags = [vscode.DiagnosticTag.Unnecessary];
        return d;
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
