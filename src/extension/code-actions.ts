/**
 * Code actions: a quick fix per engine fix (preferred when safe), "Suppress <rule> for this resource…", "Learn
 * more", and `source.fixAll.rlens`, the engine's `fixAll` over the buffer. The lightbulb offers fix-all without
 * computing it (every cursor move asks for actions); its edit is computed when chosen (`resolveCodeAction`), or
 * at once when fix-all itself is requested (on save, "Fix All").
 */
import * as vscode from 'vscode';
import { ruleById, ruleDocsUrl, type Finding, type Fix, type Resource } from '../engine';
import { Analyzer, type FileState } from './analyzer';
import { SOURCE } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('rlens');
export const SUPPRESS_COMMAND = 'rlens.suppressFinding';

/** Arguments of the suppress command; `reason` is asked for when absent (tests and automation pass it). */
export interface SuppressArgs {
  readonly uri: string;
  readonly ruleId: string;
  readonly resourceSymbol: string;
  readonly reason?: string;
}

/** The resource a finding is about: the smallest declaration of its type around it. */
export function resourceOf(state: FileState, finding: Finding): Resource | undefined {
  const inFile =
    state.result.document?.resources.filter(
      (r) => r.file === finding.file && r.span.start <= finding.span.start && finding.span.end <= r.span.end,
    ) ?? [];
  const typed = inFile.filter((r) => r.type === finding.resource.type && r.name === finding.resource.name);
  return (typed.length > 0 ? typed : inFile).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
}

/** Engine edits as a WorkspaceEdit; edits in other files (a parameter default) are positioned in their text. */
export function toWorkspaceEdit(analyzer: Analyzer, state: FileState, edits: Fix['edits']): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits)
    we.replace(analyzer.uriOfFile(state, e.file), analyzer.rangeOf(state, e.file, e.span), e.newText);
  return we;
}

/** The lightbulb's fix-all, whose edit is computed only when it is chosen. */
class FixAllAction extends vscode.CodeAction {
  constructor(
    title: string,
    readonly doc: vscode.TextDocument,
    readonly version: number,
  ) {
    super(title, FIX_ALL_KIND);
  }
}

/** Safe fixes that edit only the scanned file: what fix-all will start from. */
function safeFixCount(state: FileState): number {
  return state.result.findings.filter(
    (f) => !f.suppressed && f.fixes.some((x) => x.safe && x.edits.every((e) => e.file === state.path)),
  ).length;
}

export class ResponsibilityCodeActions implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly analyzer: Analyzer) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const state = this.analyzer.current(doc);
    if (!state) return [];
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
      // Fix-all requested by name (on save, "Fix All"): computed now.
      const all =
        FIX_ALL_KIND.intersects(context.only) && safeFixCount(state) > 0 ? this.fixAllAction(doc, state) : undefined;
      return all ? [all] : [];
    }
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const actions: vscode.CodeAction[] = [];
    for (const f of state.result.findings) {
      if (f.suppressed || f.file !== state.path || f.span.end < start || f.span.start > end) continue;
      const diagnostics = context.diagnostics.filter(
        (d) => d.source === SOURCE && typeof d.code === 'object' && d.code.value === f.ruleId,
      );
      for (const fix of f.fixes) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(this.analyzer, state, fix.edits);
        a.diagnostics = diagnostics;
        a.isPreferred = fix.safe;
        actions.push(a);
      }
      const resource = resourceOf(state, f);
      if (resource) {
        const a = new vscode.CodeAction(`Suppress ${f.ruleId} for this resource…`, vscode.CodeActionKind.QuickFix);
        const args: SuppressArgs = { uri: doc.uri.toString(), ruleId: f.ruleId, resourceSymbol: resource.symbol };
        a.command = { command: SUPPRESS_COMMAND, title: a.title, arguments: [args] };
        a.diagnostics = diagnostics;
        actions.push(a);
      }
      const learn = new vscode.CodeAction(
        `Learn more about ${f.ruleId}: ${ruleById(f.ruleId)?.title ?? ''}`.trim(),
        vscode.CodeActionKind.QuickFix,
      );
      learn.command = {
        command: 'vscode.open',
        title: learn.title,
        arguments: [vscode.Uri.parse(ruleDocsUrl(f.ruleId))],
      };
      actions.push(learn);
    }
    const count = safeFixCount(state);
    if (count > 0)
      actions.push(new FixAllAction(`Fix all safe Responsibility Lens findings (${count})`, doc, doc.version));
    return actions;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof FixAllAction) || action.doc.isClosed || action.doc.version !== action.version)
      return action;
    const state = this.analyzer.current(action.doc);
    const computed = state ? this.fixAllAction(action.doc, state) : undefined;
    if (computed?.edit) action.edit = computed.edit;
    return action;
  }

  /** The engine's fix-all over the buffer as one action, or undefined when it changes nothing. */
  private fixAllAction(doc: vscode.TextDocument, state: FileState): vscode.CodeAction | undefined {
    const fixed = this.analyzer.fixAll(state);
    const text = fixed.text;
    if (text === state.text) return undefined;
    const applied = fixed.applied.length;
    const a = new vscode.CodeAction(`Fix all safe Responsibility Lens findings (${applied})`, FIX_ALL_KIND);
    // One minimal replacement (common prefix and suffix trimmed) keeps the cursor and undo history sensible.
    let p = 0;
    while (p < text.length && p < state.text.length && text[p] === state.text[p]) p++;
    let s = 0;
    while (
      s < text.length - p &&
      s < state.text.length - p &&
      text[text.length - 1 - s] === state.text[state.text.length - 1 - s]
    )
      s++;
    a.edit = new vscode.WorkspaceEdit();
    a.edit.replace(
      doc.uri,
      new vscode.Range(doc.positionAt(p), doc.positionAt(state.text.length - s)),
      text.slice(p, text.length - s),
    );
    return a;
  }
}

/** Writes the format's reasoned suppression for one rule on one resource, asking for the reason. */
export async function suppressFinding(analyzer: Analyzer, args: SuppressArgs): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const state = analyzer.current(doc);
  const resource = state?.result.document?.resources.find((r) => r.symbol === args.resourceSymbol);
  if (!state || !resource?.file || !state.result.document) return false;
  const reason =
    args.reason ??
    (await vscode.window.showInputBox({
      title: `Suppress ${args.ruleId} for ${resource.name}`,
      prompt: 'Why is this risk accepted? The reason is written next to the suppression and shown in reports.',
      placeHolder: 'e.g. Public static website; no data behind it (ticket SEC-123)',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim().length < 3 ? 'A suppression needs a reason.' : undefined),
    }));
  if (!reason?.trim()) return false;
  const edits = state.result.document.writer.suppress(resource, args.ruleId, reason.trim());
  if (edits.length === 0) {
    void vscode.window.showWarningMessage(`Responsibility Lens cannot write a suppression for ${resource.name} here.`);
    return false;
  }
  return vscode.workspace.applyEdit(toWorkspaceEdit(analyzer, state, edits));
}
