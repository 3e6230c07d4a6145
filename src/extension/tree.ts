/** "Your responsibilities": layer → resource → finding, for the customer and shared layers that have open findings. */
import * as vscode from 'vscode';
import { LAYERS, type Finding, type LayerId } from '../engine';
import { findingTooltip, listName, ownerLabel } from '../engine/editor-support';
import { Analyzer, type FileState } from './analyzer';

export const OPEN_FINDING_COMMAND = 'rlens.openFinding';

type Node =
  | { readonly kind: 'layer'; readonly layer: LayerId; readonly count: number }
  | {
      readonly kind: 'resource';
      readonly layer: LayerId;
      readonly key: string;
      readonly label: string;
      readonly type: string;
      readonly file: vscode.Uri;
      readonly count: number;
    }
  | { readonly kind: 'finding'; readonly state: FileState; readonly finding: Finding };

export interface TreeSnapshot {
  readonly label: string;
  readonly description: string;
  /** Shown collapsed until opened. */
  readonly collapsed?: boolean;
  readonly children?: readonly TreeSnapshot[];
}

/** `Microsoft.Storage/storageAccounts/blobServices` → `blobServices`; azurerm types are short already. */
export function shortType(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;

export class ResponsibilityTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly analyzer: Analyzer) {
    // Coalesce bursts (a workspace scan stores hundreds of results) into one refresh.
    this.subscription = analyzer.onDidChange(() => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.changed.fire(), 150);
    });
  }

  private entries(): { state: FileState; finding: Finding }[] {
    return this.analyzer.all().flatMap((state) => Analyzer.open(state).map((finding) => ({ state, finding })));
  }

  getChildren(node?: Node): Node[] {
    const entries = this.entries();
    if (!node) {
      return LAYERS.flatMap((l) => {
        const count = entries.filter((e) => e.finding.layer === l.id).length;
        return count > 0 ? [{ kind: 'layer' as const, layer: l.id, count }] : [];
      });
    }
    if (node.kind === 'layer') {
      const groups = new Map<string, Node & { kind: 'resource' }>();
      for (const { state, finding: f } of entries) {
        if (f.layer !== node.layer) continue;
        const key = `${f.file}|${f.resource.type}|${f.resource.name}`;
        const g = groups.get(key);
        // The name alone (readable at the default sidebar width); the short type and the file go in the description.
        const label = f.resource.name ? listName(f.resource.name) : shortType(f.resource.type);
        groups.set(key, {
          kind: 'resource',
          layer: node.layer,
          key,
          label,
          type: f.resource.type,
          file: this.analyzer.uriOfFile(state, f.file),
          count: (g?.count ?? 0) + 1,
        });
      }
      return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
    }
    if (node.kind === 'resource') {
      return entries
        .filter(
          ({ finding: f }) => f.layer === node.layer && `${f.file}|${f.resource.type}|${f.resource.name}` === node.key,
        )
        .map(({ state, finding }) => ({ kind: 'finding' as const, state, finding }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'layer') {
      const layer = LAYERS.find((l) => l.id === node.layer);
      const item = new vscode.TreeItem(layer?.title ?? node.layer, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.count} open`;
      item.tooltip = layer?.covers;
      item.iconPath = new vscode.ThemeIcon('layers');
      return item;
    }
    if (node.kind === 'resource') {
      // Collapsed: the layers are the overview, a resource's findings are one click away. No resourceUri: it would
      // put the file's problem count beside the resource's own, a different number.
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.count} open · ${shortType(node.type)} · ${vscode.workspace.asRelativePath(node.file)}`;
      item.iconPath = new vscode.ThemeIcon('symbol-class');
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(`${f.ruleId}: ${f.message}`, vscode.TreeItemCollapsibleState.None);
    item.description = ownerLabel(f.owner) + (f.serviceModel ? ` · ${f.serviceModel}` : '');
    const tooltip = new vscode.MarkdownString(findingTooltip(f));
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[f.severity]);
    const uri = this.analyzer.uriOfFile(node.state, f.file);
    item.command = {
      command: OPEN_FINDING_COMMAND,
      title: 'Open',
      arguments: [uri, this.analyzer.rangeOf(node.state, f.file, f.span)],
    };
    return item;
  }

  /** The tree as a user would read it (labels and descriptions, fully expanded), for tests and diagnostics. */
  snapshot(node?: Node): TreeSnapshot[] {
    return this.getChildren(node).map((child) => {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const children = this.snapshot(child);
      const collapsed = item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed;
      return {
        label,
        description: typeof item.description === 'string' ? item.description : '',
        ...(collapsed ? { collapsed } : {}),
        ...(children.length > 0 ? { children } : {}),
      };
    });
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
