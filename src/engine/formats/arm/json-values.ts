/** Converts a jsonc-parser tree into the shared value tree, evaluating ARM expressions on the way. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Span } from '../../core/span';
import { throughExpression, type PropertyEntry, type Value } from '../../core/value';
import { evaluateExpression, isExpression, unescapeLiteral, type ArmScope } from './expression';

export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The child node of an object node by key (ARM keys are case-insensitive). */
export function child(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  const lower = key.toLowerCase();
  let found: JsonNode | undefined;
  for (const prop of node.children ?? []) {
    const k = prop.children?.[0];
    if (typeof k?.value === 'string' && k.value.toLowerCase() === lower) found = prop.children?.[1];
  }
  return found;
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Keys skipped when converting, keyed by the path of the object that holds them (e.g. nested templates). */
export type SkipKey = (path: readonly string[], key: string) => boolean;

/** Converts a JSON node; `scope` evaluates expressions (omit it for plain JSON such as parameter files). */
export function toValue(
  node: JsonNode,
  scope: ArmScope | undefined,
  skip?: SkipKey,
  path: readonly string[] = [],
): Value {
  const span = nodeSpan(node);
  switch (node.type) {
    case 'string': {
      const s = String(node.value);
      // A literal an expression passes on (`[if(…, 'a', 'b')]`, `['x']`) is rewritten only for review.
      if (scope && isExpression(s)) return throughExpression(evaluateExpression(s, span, scope));
      return { kind: 'string', value: scope ? unescapeLiteral(s) : s, span };
    }
    case 'number':
      return { kind: 'number', value: Number(node.value), span };
    case 'boolean':
      return { kind: 'boolean', value: Boolean(node.value), span };
    case 'null':
      return { kind: 'null', span };
    case 'array':
      return { kind: 'array', span, items: (node.children ?? []).map((c) => toValue(c, scope, skip, path)) };
    case 'object': {
      const properties: PropertyEntry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v || typeof k.value !== 'string') continue;
        if (skip?.(path, k.value)) continue;
        properties.push({
          key: k.value,
          keySpan: nodeSpan(k),
          span: nodeSpan(prop),
          value: toValue(v, scope, skip, [...path, k.value]),
        });
      }
      return { kind: 'object', span, properties };
    }
    default:
      return { kind: 'unknown', span, reason: 'unreadable JSON value' };
  }
}
