/** Generic traversal of the Bicep syntax tree, for tests, hovers and adapters that look for one kind. */
import type { Node } from './syntax';

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string' && 'span' in v;
}

/** Calls `visit` on each direct child node of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  for (const key in node) {
    if (key === 'span' || key === 'comments') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) visit(item);
    } else if (isNode(v)) {
      visit(v);
    }
  }
}

/** Depth-first pre-order walk; return `false` from `visit` to skip a node's children. */
export function walk(node: Node, visit: (node: Node, parents: readonly Node[]) => boolean | void): void {
  const parents: Node[] = [];
  const go = (n: Node): void => {
    if (visit(n, parents) === false) return;
    parents.push(n);
    forEachChild(n, go);
    parents.pop();
  };
  go(node);
}
