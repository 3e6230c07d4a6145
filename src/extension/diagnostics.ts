/**
 * Findings as diagnostics. `LiveDiagnostics` scans open buffers as they change (debounced; a generation counter
 * per document drops results that finished after a newer edit); `DiagnosticsPublisher` turns whatever the
 * analyzer holds into Problems entries, including findings that land in another file (a parameter file).
 */
import * as vscode from 'vscode';
import { findingKey, ruleDocsUrl, type Finding } from '../engine';
import { Analyzer, enginePath, isCandidate, type FileState } from './analyzer';
import { SOURCE, type Settings } from './settings';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function toDiagnostic(analyzer: Analyzer, state: FileState, finding: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    analyzer.rangeOf(state, finding.file, finding.span),
    finding.message,
    SEVERITY[finding.severity],
  );
  d.source = SOURCE;
  d.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  d.relatedInformation = finding.related.map(
    (r) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(analyzer.uriOfFile(state, r.file), analyzer.rangeOf(state, r.file, r.span)),
        r.message,
      ),
  );
  return d;
}

/** One diagnostic per file that could not be analysed (in full), saying why, at the first problem. */
function errorDiagnostic(analyzer: Analyzer, state: FileState): vscode.Diagnostic | undefined {
  const errors = state.result.errors;
  const first = errors[0];
  if (!first) return undefined;
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  const reasons = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join('; ');
  const complete = state.result.document && state.result.document.resources.length > 0 ? 'only in part' : 'not at all';
  const range =
    first.span && first.file === state.path
      ? analyzer.rangeOf(state, first.file, first.span)
      : new vscode.Range(0, 0, 0, 0);
  const d = new vscode.Diagnostic(
    range,
    `This file could be analysed ${complete}: ${reasons}${more}.`,
    vscode.DiagnosticSeverity.Warning,
  );
  d.source = SOURCE;
  d.code = 'analysis';
  return d;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly collection: vscode.DiagnosticCollection,
  ) {
    this.subscription = analyzer.onDidChange(({ before, after }) => {
      const targets = new Map<string, vscode.Uri>();
      for (const s of [before, after]) {
        if (!s) continue;
        targets.set(s.uri.toString(), s.uri);
        for (const f of s.result.findings) {
          const u = analyzer.uriOfFile(s, f.file);
          targets.set(u.toString(), u);
        }
      }
      for (const uri of targets.values()) this.publish(uri);
    });
  }

  private publish(target: vscode.Uri): void {
    const key = target.toString();
    const out: vscode.Diagnostic[] = [];
    const seen = new Set<string>();
    for (const state of this.analyzer.all()) {
      for (const f of Analyzer.open(state)) {
        if (this.analyzer.uriOfFile(state, f.file).toString() !== key) continue;
        // A module or parameter file reached from several templates reports each finding once.
        const id = findingKey(f, () => key);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(toDiagnostic(this.analyzer, state, f));
      }
      if (state.uri.toString() === key) {
        const e = errorDiagnostic(this.analyzer, state);
        if (e) out.push(e);
      }
    }
    if (out.length > 0) this.collection.set(target, out);
    else this.collection.delete(target);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export class LiveDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Set by Scan Workspace: closed files then keep their saved-file findings instead of vanishing. */
  keepClosedFiles = false;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly settings: Settings,
    private readonly rescanFromDisk: (uri: vscode.Uri) => Promise<void>,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.settings.debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCandidate(doc)) return;
    const key = doc.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    clearTimeout(this.timers.get(key));
    if (this.settings.isExcluded(doc.uri)) {
      this.analyzer.delete(doc.uri);
      return;
    }
    this.timers.set(
      key,
      setTimeout(() => void this.run(doc, generation), delay),
    );
  }

  /** Rescans open documents now (settings or `.rlens.yaml` changed): all, or those `affected` selects. */
  rescanOpen(affected: (uri: vscode.Uri) => boolean = () => true): void {
    for (const d of vscode.workspace.textDocuments) if (affected(d.uri)) this.schedule(d, 0);
  }

  private async run(doc: vscode.TextDocument, generation: number): Promise<void> {
    const key = doc.uri.toString();
    this.timers.delete(key);
    if (doc.isClosed) return;
    const state = await this.analyzer.scan(doc.uri, enginePath(doc), doc.getText(), doc.version);
    // A newer edit, a close or a reopen started another generation meanwhile: this result is stale.
    if (this.generations.get(key) !== generation || doc.isClosed) return;
    this.analyzer.set(state);
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    if (!this.analyzer.get(doc.uri)) return;
    // An unsaved buffer's findings must not outlive it; after a workspace scan the saved file's findings stay.
    if (this.keepClosedFiles && doc.uri.scheme !== 'untitled') void this.rescanFromDisk(doc.uri);
    else this.analyzer.delete(doc.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
