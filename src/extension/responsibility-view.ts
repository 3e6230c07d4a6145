/**
 * The responsibility view: a webview panel with the shared-responsibility matrix of the workspace. Locked down
 * (CSP `default-src 'none'`, one nonce'd local script, no remote content); re-rendered when findings change.
 */
import * as vscode from 'vscode';
import { allRules, type Finding } from '../engine';
import { buildMatrix, listName } from '../engine/editor-support';
import type { Analyzer, FileState } from './analyzer';
import { OPEN_FINDING_COMMAND } from './tree';
import { renderView, type ViewFinding, type ViewScope } from './view-html';

/** What the webview reported it rendered: open counts per cell, read back from its DOM. */
export interface ViewReport {
  readonly cells: Readonly<Record<string, { open: number; owner: string; score: string }>>;
  readonly totalOpen: number;
  /** The heading's scope, as shown ("in open files", "in the workspace (scanned at …)"). */
  readonly scope?: string;
}

/** A script nonce from the platform's cryptographic generator (Web Crypto: Node 19+ and browser workers alike). */
export function nonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export class ResponsibilityView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private findings: { state: FileState; finding: Finding }[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;
  private lastReport: ViewReport | undefined;
  private readonly reported = new vscode.EventEmitter<ViewReport>();
  /** Set once a workspace scan has completed: from then on the numbers cover the workspace. */
  private scope: ViewScope = { kind: 'open-files' };

  constructor(
    private readonly analyzer: Analyzer,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscription = analyzer.onDidChange(() => {
      if (!this.panel) return;
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.render(), 200);
    });
  }

  /** A workspace scan completed at `at`: the view says so from now on. */
  workspaceScanned(at: Date): void {
    this.scope = { kind: 'workspace', scannedAt: at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) };
    if (this.panel) this.render();
  }

  /** Opens (or reveals) the view; resolves with the DOM report of its first render. */
  show(): Promise<ViewReport> {
    const report = new Promise<ViewReport>((resolve) => {
      const once = this.reported.event((r) => {
        once.dispose();
        resolve(r);
      });
    });
    if (this.panel) {
      this.panel.reveal();
      this.render();
      return report;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    // A full editor tab: the matrix needs the width (beside a template it was squeezed into a narrow column).
    this.panel = vscode.window.createWebviewPanel('rlens.responsibility', 'Responsibility', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'activity.svg');
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      this.lastReport = undefined;
    });
    this.panel.webview.onDidReceiveMessage((m: { type?: string; index?: number } & Partial<ViewReport>) => {
      if (m.type === 'open' && typeof m.index === 'number') void this.open(m.index);
      if (m.type === 'rendered' && m.cells) {
        this.lastReport = {
          cells: m.cells,
          totalOpen: m.totalOpen ?? 0,
          ...(typeof m.scope === 'string' ? { scope: m.scope } : {}),
        };
        this.reported.fire(this.lastReport);
      }
    });
    this.render();
    return report;
  }

  /** The latest DOM report, for the e2e suite (undefined while the view is closed). */
  report(): ViewReport | undefined {
    return this.lastReport;
  }

  private render(): void {
    if (!this.panel) return;
    const states = this.analyzer.all();
    const owner = new Map<Finding, FileState>();
    for (const s of states) for (const f of s.result.findings) owner.set(f, s);
    const matrix = buildMatrix(
      states.map((s) => ({ file: s.path, resources: s.result.document?.resources ?? [], findings: s.result.findings })),
      allRules(),
    );
    this.findings = matrix.findings.map((finding) => ({ state: owner.get(finding) as FileState, finding }));
    const view: ViewFinding[] = this.findings.map(({ state, finding: f }) => {
      const uri = this.analyzer.uriOfFile(state, f.file);
      const line = this.analyzer.rangeOf(state, f.file, f.span).start.line + 1;
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        resource: f.resource.name ? listName(f.resource.name) : f.resource.type,
        where: `${vscode.workspace.asRelativePath(uri)}:${line}`,
      };
    });
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    webview.html = renderView(
      matrix,
      view,
      {
        cspSource: webview.cspSource,
        nonce: nonce(),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'view.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'view.css')).toString(),
      },
      this.scope,
    );
  }

  private async open(index: number): Promise<void> {
    const entry = this.findings[index];
    if (!entry) return;
    const { state, finding } = entry;
    await vscode.commands.executeCommand(
      OPEN_FINDING_COMMAND,
      this.analyzer.uriOfFile(state, finding.file),
      this.analyzer.rangeOf(state, finding.file, finding.span),
    );
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.subscription.dispose();
    this.reported.dispose();
    this.panel?.dispose();
  }
}
