/**
 * Scans documents and keeps the latest result per file, for diagnostics, hovers, code actions, the tree and the
 * responsibility view alike: one store, so every surface shows the same findings.
 */
import * as vscode from 'vscode';
import {
  fixAll,
  isScannable,
  LineIndex,
  scanText,
  type FixAllResult,
  type ConfigSuppression,
  type Finding,
  type ScanResult,
  type Span,
} from '../engine';
import { pathOf, uriOf, WorkspaceFileHost } from './file-host';
import type { Settings } from './settings';

/** One scanned file: the text the engine saw and what it found. */
export interface FileState {
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly text: string;
  /** Document version for open documents; undefined for files read from disk. */
  readonly version?: number;
  readonly result: ScanResult;
  /** The `.rlens.yaml` suppressions the scan applied (those it used are in `result.usedConfigSuppressions`). */
  readonly configSuppressions: readonly ConfigSuppression[];
}

/** Untitled buffers have no extension: borrow one from the language so a format can claim them. */
const UNTITLED_EXT: Readonly<Record<string, string>> = {
  json: '.json',
  jsonc: '.jsonc',
  'arm-template': '.json',
  bicep: '.bicep',
  'bicep-params': '.bicepparam',
  terraform: '.tf',
  'terraform-vars': '.tfvars',
};
/** Schemes holding user files; others (git, output, diff views) are copies or not files at all. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web', 'memfs']);

export function enginePath(doc: Pick<vscode.TextDocument, 'uri' | 'languageId'>): string {
  if (doc.uri.scheme === 'untitled')
    return `/untitled/${doc.uri.path.replace(/[\\/]/g, '_')}${UNTITLED_EXT[doc.languageId] ?? ''}`;
  return pathOf(doc.uri);
}

export function isCandidate(doc: Pick<vscode.TextDocument, 'uri' | 'languageId'>): boolean {
  return SCHEMES.has(doc.uri.scheme) && isScannable(enginePath(doc));
}

export class Analyzer implements vscode.Disposable {
  readonly host = new WorkspaceFileHost();
  private readonly states = new Map<string, FileState>();
  /** Line tables per scanned state and file: a diagnostic per finding must not re-split the text each time. */
  private readonly lineIndexes = new WeakMap<FileState, Map<string, LineIndex>>();
  private readonly changed = new vscode.EventEmitter<{ readonly before?: FileState; readonly after?: FileState }>();
  /** Fires for every stored or dropped result, with the old and new state. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: Settings) {}

  /**
   * Scans text, fetching the parameter files and modules it refers to and scanning again until nothing new turns
   * up (bounded: each round can only add files that were missing).
   */
  async scan(uri: vscode.Uri, path: string, text: string, version?: number): Promise<FileState> {
    let state = this.scanNow(uri, path, text, version);
    for (let round = 0; round < 4; round++) {
      if (!(await this.host.fetchMisses(uri))) break;
      state = this.scanNow(uri, path, text, version);
    }
    return state;
  }

  /** One synchronous scan with what the host already holds: hovers and code actions on a fresh buffer use it. */
  scanNow(uri: vscode.Uri, path: string, text: string, version?: number): FileState {
    this.host.beginScan();
    const options = this.settings.scanOptions(uri);
    const result = scanText(text, path, { ...options, host: this.host });
    return {
      uri,
      path,
      text,
      ...(version !== undefined ? { version } : {}),
      result,
      configSuppressions: options.configSuppressions ?? [],
    };
  }

  /** The engine's fix-all (safe fixes) over a scanned state's text, with the same options as its scan. */
  fixAll(state: FileState): FixAllResult {
    this.host.beginScan();
    return fixAll(state.text, state.path, { ...this.settings.scanOptions(state.uri), host: this.host });
  }

  /** The stored state of a document, rescanned synchronously when the buffer moved on since. */
  current(doc: vscode.TextDocument): FileState | undefined {
    if (!isCandidate(doc)) return undefined;
    const stored = this.states.get(doc.uri.toString());
    if (stored && stored.version === doc.version) return stored;
    return this.scanNow(doc.uri, enginePath(doc), doc.getText(), doc.version);
  }

  get(uri: vscode.Uri): FileState | undefined {
    return this.states.get(uri.toString());
  }

  all(): FileState[] {
    return [...this.states.values()];
  }

  set(state: FileState): void {
    const key = state.uri.toString();
    const before = this.states.get(key);
    this.states.set(key, state);
    this.changed.fire({ ...(before ? { before } : {}), after: state });
  }

  delete(uri: vscode.Uri): void {
    const before = this.states.get(uri.toString());
    if (!before) return;
    this.states.delete(uri.toString());
    this.changed.fire({ before });
  }

  clear(): void {
    for (const s of this.all()) this.delete(s.uri);
  }

  /** The URI of a finding's (or edit's) file, which may be a module or parameter file rather than the one scanned. */
  uriOfFile(state: FileState, file: string): vscode.Uri {
    return file === state.path ? state.uri : uriOf(file, state.uri);
  }

  /** A span in `file` as an editor range, using the text the engine saw. */
  rangeOf(state: FileState, file: string, span: Span): vscode.Range {
    let perFile = this.lineIndexes.get(state);
    if (!perFile) this.lineIndexes.set(state, (perFile = new Map<string, LineIndex>()));
    let index = perFile.get(file);
    if (!index)
      perFile.set(file, (index = new LineIndex(file === state.path ? state.text : (this.host.textOf(file) ?? ''))));
    const a = index.positionAt(span.start);
    const b = index.positionAt(span.end);
    return new vscode.Range(a.line, a.character, b.line, b.character);
  }

  /** Open (unsuppressed) findings of a state. */
  static open(state: FileState): Finding[] {
    return state.result.findings.filter((f) => !f.suppressed);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
