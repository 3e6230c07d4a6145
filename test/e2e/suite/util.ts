/** Helpers for the extension-host suite: polling (the marker service and code actions lag behind), files, reverts. */
import * as vscode from 'vscode';

export const SOURCE = 'Responsibility Lens';

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function fileUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

export function ours(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (ruleId === undefined || codeOf(d) === ruleId));
}

/** Reverts and closes every editor so each test starts from the files on disk (only the workspace's files: the
 * workbench keeps documents of its own, such as the user settings, open in the background). */
export async function closeAll(): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '\u0000';
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed || !doc.uri.toString().startsWith(root)) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Code actions at a range, polled: the first request can come before the workbench has the markers. */
export async function actionsAt(
  uri: vscode.Uri,
  range: vscode.Range,
  match: (a: vscode.CodeAction) => boolean,
): Promise<vscode.CodeAction> {
  return waitFor('a matching code action', async () => {
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
    );
    return all.find(match);
  });
}
