/**
 * Hovers: on a finding, what the layer is, who owns it under each model, why it matters and how to fix it; on a
 * resource type string, its service model and what the customer owns for it.
 */
import * as vscode from 'vscode';
import { type Finding, type Span } from '../engine';
import { bySeverity, explainFinding, explainResourceType } from '../engine/editor-support';
import type { Analyzer } from './analyzer';

function covers(span: Span, offset: number): boolean {
  // A zero-length span (an insertion point) still gets a hover on the character it sits on.
  return span.start <= offset && offset <= Math.max(span.end, span.start + 1);
}

/** Open findings at an offset of the scanned file, most specific (shortest span) first. */
export function findingsAt(findings: readonly Finding[], file: string, offset: number): Finding[] {
  return findings
    .filter((f) => !f.suppressed && f.file === file && covers(f.span, offset))
    .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
}

export class ResponsibilityHover implements vscode.HoverProvider {
  constructor(private readonly analyzer: Analyzer) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const state = this.analyzer.current(doc);
    if (!state) return undefined;
    const offset = doc.offsetAt(position);
    const parts: string[] = [];
    let range: vscode.Range | undefined;
    // Several findings here: the most severe in full, the others as compact blocks (header, fix, owner).
    bySeverity(findingsAt(state.result.findings, state.path, offset)).forEach((f, i) => {
      parts.push(
        explainFinding(f, { ...(state.result.format ? { format: state.result.format } : {}), compact: i > 0 }),
      );
      range ??= this.analyzer.rangeOf(state, f.file, f.span);
    });
    // The resource's type string (or header): its anchor, when the format points it there.
    const resource = state.result.document?.resources.find(
      (r) => r.file === state.path && r.anchor.start <= offset && offset < r.anchor.end,
    );
    const typeText = resource ? explainResourceType(resource.type) : undefined;
    if (resource && typeText) {
      parts.push(typeText);
      range ??= this.analyzer.rangeOf(state, resource.file, resource.anchor);
    }
    if (parts.length === 0) return undefined;
    const md = new vscode.MarkdownString(parts.join('\n\n---\n\n'));
    // Only our own links (rule docs); no command links, no HTML.
    md.isTrusted = false;
    return new vscode.Hover(md, range);
  }
}
