/** Scan Workspace: every IaC file, opened or not, into Problems; and the SARIF export built on it. */
import * as vscode from 'vscode';
import { dropRepeatedFindings, isScannable, toFileReport, toSarif, type ScanResult } from '../engine';
import { Analyzer } from './analyzer';
import { pathOf, readText } from './file-host';
import type { LiveDiagnostics } from './diagnostics';
import type { Settings } from './settings';

/**
 * Candidate extensions for the file search; each file is then asked `isScannable`, so the formats the engine
 * registers still decide (this list only keeps the search from listing every file of a large workspace).
 */
export const IAC_GLOB = '**/*.{json,jsonc,bicep,bicepparam,tf,tfvars}';

export interface WorkspaceScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly errors: number;
  readonly cancelled: boolean;
}

export async function scanWorkspace(
  analyzer: Analyzer,
  settings: Settings,
  live: LiveDiagnostics,
  progress?: vscode.Progress<{ message?: string; increment?: number }>,
  token?: vscode.CancellationToken,
): Promise<WorkspaceScanSummary> {
  const exclude = `{${settings.excludes.join(',')}}`;
  const uris = (await vscode.workspace.findFiles(IAC_GLOB, exclude, undefined, token)).filter(
    (u) => isScannable(pathOf(u)) && !settings.isExcluded(u),
  );
  uris.sort((a, b) => a.path.localeCompare(b.path));
  live.keepClosedFiles = true;
  let files = 0;
  let findings = 0;
  let errors = 0;
  for (const uri of uris) {
    if (token?.isCancellationRequested) return { files, findings, errors, cancelled: true };
    progress?.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
    const state = await scanFile(analyzer, uri);
    if (!state) continue;
    files++;
    findings += Analyzer.open(state).length;
    errors += state.result.errors.length;
  }
  return { files, findings, errors, cancelled: false };
}

/** Scans one file (the open buffer when there is one) and stores the result; non-templates are dropped. */
export async function scanFile(
  analyzer: Analyzer,
  uri: vscode.Uri,
): Promise<ReturnType<Analyzer['scanNow']> | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = open ? open.getText() : await readText(uri);
  if (text === undefined) {
    analyzer.delete(uri);
    return undefined;
  }
  const state = await analyzer.scan(uri, pathOf(uri), text, open?.version);
  if (!state.result.format) {
    analyzer.delete(uri);
    return undefined;
  }
  analyzer.set(state);
  return state;
}

/**
 * The SARIF log of everything the analyzer holds, with paths relative to the first workspace folder; a finding
 * several scans report (a module's, reached from two templates) is listed once, as the CLI lists it.
 */
export function sarifOf(analyzer: Analyzer, version: string): object {
  const root = vscode.workspace.workspaceFolders?.[0];
  const base = root ? pathOf(root.uri).replace(/\\/g, '/').replace(/\/?$/, '/') : '';
  const rel = (p: string): string => {
    const n = p.replace(/\\/g, '/');
    return base && n.startsWith(base) ? n.slice(base.length) : n;
  };
  const back = new Map<string, string>();
  const reports = analyzer.all().map((s) => {
    const relative: ScanResult = {
      ...s.result,
      file: rel(s.result.file),
      findings: s.result.findings.map((f) => {
        back.set(rel(f.file), f.file);
        return { ...f, file: rel(f.file) };
      }),
      errors: s.result.errors.map((e) => ({ ...e, file: rel(e.file) })),
    };
    return toFileReport(relative, s.text, (f) => analyzer.host.textOf(back.get(f) ?? f));
  });
  return toSarif(dropRepeatedFindings(reports), version);
}
