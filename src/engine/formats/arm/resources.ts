/**
 * Walks an ARM template's resources into the shared model: arrays and languageVersion 2.0 symbolic-name
 * objects, nested child resources (type and name composed), and nested deployments with an inline template,
 * recursively, each evaluated in the scope ARM would use.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { AnalysisError } from '../../core/finding';
import type { ObjectValue, Value } from '../../core/value';
import type { Resource } from '../../model/resource';
import { asBoolean } from '../../eval/values';
import { child, nodeSpan, stringOf, toValue } from './json-values';
import { readArmSuppressions } from './suppressions';
import { TemplateScope, type SuppliedValue } from './template-scope';

const MAX_DEPLOYMENT_DEPTH = 20;

export interface WalkContext {
  readonly file: string;
  readonly resources: Resource[];
  readonly errors: AnalysisError[];
}

interface Parent {
  readonly type: string;
  readonly name: string;
  readonly symbol: string;
}

/** Collects the resources of `template` (the root object of a template) evaluated in `scope`. */
export function walkTemplate(
  template: JsonNode,
  scope: TemplateScope,
  ctx: WalkContext,
  symbolPrefix: string,
  depth: number,
): void {
  const list = child(template, 'resources');
  for (const [symbol, node] of resourceEntries(list, symbolPrefix))
    walkResource(node, scope, ctx, symbol, undefined, depth);
}

function resourceEntries(list: JsonNode | undefined, prefix: string): Array<[string, JsonNode]> {
  if (list?.type === 'array') return (list.children ?? []).map((n, i) => [`${prefix}resources[${i}]`, n]);
  if (list?.type === 'object') {
    return (list.children ?? []).flatMap((prop) => {
      const [k, v] = prop.children ?? [];
      return typeof k?.value === 'string' && v ? [[`${prefix}${k.value}`, v] as [string, JsonNode]] : [];
    });
  }
  return [];
}

function text(v: Value | undefined, fallback: string): string {
  return v?.kind === 'string' ? v.value : fallback;
}

function walkResource(
  node: JsonNode,
  scope: TemplateScope,
  ctx: WalkContext,
  symbol: string,
  parent: Parent | undefined,
  depth: number,
): void {
  if (node.type !== 'object') return;
  const typeNode = child(node, 'type');
  const rawType = stringOf(typeNode);
  if (!typeNode || rawType === undefined) return;
  const typeValue = toValue(typeNode, scope);
  // Extension resources (languageVersion 2.0 `imports`, e.g. Microsoft Graph) carry their version in the type.
  const [ownType = '', typeVersion] = text(typeValue, rawType).split('@');
  // A nested child's type is relative ("containers") unless it is written out in full.
  const type = parent && !ownType.includes('.') ? `${parent.type}/${ownType}` : ownType;
  const apiVersion = stringOf(child(node, 'apiVersion')) ?? typeVersion;
  const nameNode = child(node, 'name');
  const nameValue = nameNode ? toValue(nameNode, scope) : undefined;
  // A name that evaluates to '' (a parameter defaulting to an empty string, to be filled in at deployment) names
  // nothing: its source text is shown instead, as for an unknown name.
  const shown = nameValue?.kind === 'string' && nameValue.value === '' ? undefined : nameValue;
  const ownName = text(shown, nameNode ? String(nameNode.value ?? symbol) : symbol);
  const name = parent && !ownName.includes('/') ? `${parent.name}/${ownName}` : ownName;
  const isDeployment = type.toLowerCase() === 'microsoft.resources/deployments';
  // Nested templates are walked on their own, in their own scope; child resources likewise.
  const body = toValue(node, scope, (path, key) => {
    const k = key.toLowerCase();
    if (path.length === 0) return k === 'resources' || k === 'copy';
    return isDeployment && path.length === 1 && path[0]?.toLowerCase() === 'properties' && k === 'template';
  }) as ObjectValue;
  const condition = child(node, 'condition');
  const conditionValue = condition ? toValue(condition, scope) : undefined;
  // A literal `false` condition is never deployed; a parameter-driven one may be, so it is kept and marked.
  if (conditionValue && asBoolean(conditionValue) === false && conditionValue.origin?.kind !== 'parameter') return;
  const existing = child(node, 'existing')?.value === true;
  const propPair = typeNode.parent;
  ctx.resources.push({
    dialect: 'arm',
    type,
    ...(apiVersion ? { apiVersion } : {}),
    name,
    symbol,
    file: ctx.file,
    span: nodeSpan(node),
    anchor: propPair ? nodeSpan(propPair) : nodeSpan(typeNode),
    body,
    ...(conditionValue ? { conditional: true } : {}),
    ...(child(node, 'copy') ? { loop: true } : {}),
    ...(existing ? { existing: true } : {}),
    ...(parent ? { parentSymbol: parent.symbol } : {}),
    suppressions: readArmSuppressions(node, ctx.file),
  });
  const self: Parent = { type, name, symbol };
  for (const [childSymbol, childNode] of resourceEntries(child(node, 'resources'), `${symbol}/`)) {
    walkResource(childNode, scope, ctx, childSymbol, self, depth);
  }
  if (isDeployment) walkNestedDeployment(node, scope, ctx, symbol, depth);
}

function walkNestedDeployment(
  node: JsonNode,
  outer: TemplateScope,
  ctx: WalkContext,
  symbol: string,
  depth: number,
): void {
  const props = child(node, 'properties');
  const template = child(props, 'template');
  if (template?.type !== 'object') return;
  if (depth >= MAX_DEPLOYMENT_DEPTH) {
    ctx.errors.push({
      file: ctx.file,
      message: `nested deployments deeper than ${MAX_DEPLOYMENT_DEPTH} levels were not analysed`,
      span: nodeSpan(template),
    });
    return;
  }
  const inner = stringOf(child(child(props, 'expressionEvaluationOptions'), 'scope'))?.toLowerCase() === 'inner';
  let scope = outer;
  if (inner) {
    // Inner scope: the nested template sees only its own parameters, bound from `properties.parameters`.
    const supplied = new Map<string, SuppliedValue>();
    const params = child(props, 'parameters');
    for (const prop of params?.type === 'object' ? (params.children ?? []) : []) {
      const [k, v] = prop.children ?? [];
      const valueNode = child(v, 'value');
      if (typeof k?.value === 'string' && valueNode)
        supplied.set(k.value.toLowerCase(), { value: toValue(valueNode, outer) });
    }
    scope = new TemplateScope(template, supplied);
  }
  walkTemplate(template, scope, ctx, `${symbol}/template/`, depth + 1);
}
