/** Members that several fixes add to one object or block, as one tree, so that a missing parent is written once. */
import type { MemberAddition } from '../core/finding';

export interface MemberNode {
  readonly key: string;
  /** The value as written, for a leaf; absent for a parent holding `children`. */
  readonly valueText?: string;
  readonly children: MemberNode[];
}

/**
 * Builds the tree of `members` in order of first appearance. Two members with the same path keep the first
 * value; a path that is a leaf in one member and a parent in another keeps the first reading.
 */
export function memberTree(members: MemberAddition['members']): MemberNode[] {
  const roots: MemberNode[] = [];
  for (const m of members) {
    let level = roots;
    for (let i = 0; i < m.path.length; i++) {
      const key = m.path[i] as string;
      const leaf = i === m.path.length - 1;
      const found = level.find((n) => n.key === key);
      if (found) {
        if (leaf || found.valueText !== undefined) break;
        level = found.children;
        continue;
      }
      const node: MemberNode = leaf ? { key, valueText: m.valueText, children: [] } : { key, children: [] };
      level.push(node);
      if (leaf) break;
      level = node.children;
    }
  }
  return roots;
}
