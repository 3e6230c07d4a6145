/** Evaluates data rules: "property P of type T must be in S; absent means D". */
import { lookup, scalarOf, isScalar, type Literal, type Value } from '../core/value';
import type { AnalyzedDocument } from '../model/document';
import type { Resource } from '../model/resource';
import { positionsByType } from '../model/type-index';
import type { AbsentPolicy, PropertyCheck, RawFinding, RuleMeta } from './types';

function matches(value: Literal, list: readonly Literal[]): boolean {
  return list.some((x) =>
    typeof x === 'string' && typeof value === 'string' ? x.toLowerCase() === value.toLowerCase() : x === value,
  );
}

/** True when the literal satisfies the check; undefined when the check cannot judge this kind of value. */
export function isSecureValue(check: PropertyCheck, value: Literal): boolean | undefined {
  if (check.secure) return matches(value, check.secure);
  if (check.insecure) return !matches(value, check.insecure);
  if (check.min !== undefined) return typeof value === 'number' ? value >= check.min : undefined;
  return undefined;
}

/**
 * When an absent verdict rests on an azurerm major that no `required_providers` constraint states, the note
 * that says so (the verdict holds for the assumed, newest major only).
 */
function assumedProviderNote(policy: AbsentPolicy, doc: AnalyzedDocument): string | undefined {
  if (typeof policy !== 'object' || !('providerMajorBelow' in policy) || !doc.azurerm?.assumed) return undefined;
  return `no azurerm version constraint found; assumed v${doc.azurerm.major}`;
}

/** Said in the fix's title, so nobody applies it to a live resource unawares. */
function recreates(check: PropertyCheck): string {
  return check.fixRecreates ? ' (set at creation: recreates the resource)' : '';
}

function absentIsInsecure(policy: AbsentPolicy, resource: Resource, doc: AnalyzedDocument): boolean {
  if (policy === 'secure') return false;
  if (policy === 'insecure') return true;
  if ('apiVersionBefore' in policy) {
    // API versions are dates (with an optional -preview suffix): the date part sorts as text.
    const v = resource.apiVersion?.slice(0, 10);
    return v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && v < policy.apiVersionBefore;
  }
  return (doc.azurerm?.major ?? Infinity) < policy.providerMajorBelow;
}

/**
 * Whether `path` being absent from `resource` may be judged as absent. Not on a patch (azapi_update_resource
 * leaves what it does not name as it was), nor where another resource sets it (azurerm
 * `azurerm_storage_account_network_rules` sets `network_rules`: that resource is judged where it is written).
 * Code checks that judge absence should ask this too.
 */
export function absenceIsJudged(resource: Resource, path: readonly string[]): boolean {
  if (resource.partial) return false;
  const top = path[0];
  return top === undefined || resource.configuredBy?.[top] === undefined;
}

/**
 * A rule's checks by lower-case resource type, built once per catalog entry: every rule used to compare every
 * check with every resource of every file, which was the rule engine's largest cost on a corpus scan.
 */
const checksByType = new WeakMap<readonly PropertyCheck[], Map<string, PropertyCheck[]>>();

function checkIndex(checks: readonly PropertyCheck[]): Map<string, PropertyCheck[]> {
  let index = checksByType.get(checks);
  if (!index) {
    index = new Map();
    for (const c of checks) {
      const key = c.type.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), c]);
    }
    checksByType.set(checks, index);
  }
  return index;
}

function appliesTo(check: PropertyCheck, resource: Resource): boolean {
  if (!check.dialects.includes(resource.dialect) || resource.existing) return false;
  if (!check.when) return true;
  const w = lookup(resource.body, check.when.path);
  if (w.state !== 'present' || !isScalar(w.value)) return false;
  return matches(scalarOf(w.value), check.when.in);
}

/** What the format calls a value's declaration: Terraform's input variables are ARM's and Bicep's parameters. */
function declarationNoun(kind: 'parameter' | 'variable', doc: AnalyzedDocument): string {
  return kind === 'parameter' && doc.format === 'terraform' ? 'variable' : kind;
}

function describe(v: Value): string {
  if (!isScalar(v)) return v.kind;
  const s = scalarOf(v);
  // "… is ." reads as a typo: say what an empty string is.
  return s === '' ? 'an empty string' : String(s);
}

export function runPropertyChecks(rule: RuleMeta, doc: AnalyzedDocument): RawFinding[] {
  const out: RawFinding[] = [];
  const path = (check: PropertyCheck): string => check.path.join('.');
  const index = checkIndex(rule.checks);
  if (index.size === 0) return out;
  // The resources of the rule's types, in document order (as the findings of one rule were always produced).
  const byType = positionsByType(doc.resources);
  const at: number[] = [];
  for (const type of index.keys()) for (const i of byType.get(type) ?? []) at.push(i);
  at.sort((a, b) => a - b);
  for (const i of at) {
    const resource = doc.resources[i] as Resource;
    const checks = index.get(resource.type.toLowerCase()) ?? [];
    for (const check of checks) {
      if (!appliesTo(check, resource)) continue;
      let found = lookup(resource.body, check.path);
      let foundPath = check.path;
      let inverted = false;
      for (const alias of check.aliases ?? []) {
        if (found.state === 'present') break;
        const old = lookup(resource.body, alias);
        if (old.state === 'present') [found, foundPath] = [old, alias];
      }
      for (const alias of check.invertedAliases ?? []) {
        if (found.state === 'present') break;
        const old = lookup(resource.body, alias);
        if (old.state === 'present') [found, foundPath, inverted] = [old, alias, true];
      }
      // Under an inverted name the verdict reads the value backwards and the fix writes the opposite literal.
      const fixValue = inverted && typeof check.fix === 'boolean' ? !check.fix : check.fix;
      if (found.state === 'absent' || found.value.kind === 'null') {
        if (!absenceIsJudged(resource, check.path)) continue;
        const assumed = assumedProviderNote(check.absent, doc);
        if (!absentIsInsecure(check.absent, resource, doc)) {
          // Secure only under the assumed provider major: an unknown (shown with --report-unknown) that says so.
          if (assumed) {
            const why: Value = {
              kind: 'unknown',
              span: resource.anchor,
              reason: `the azurerm provider version (${assumed}; ${path(check)} is unset)`,
            };
            out.push({ resource, messageId: 'unknown', data: { path: path(check) }, unknown: why, severity: 'info' });
          }
          continue;
        }
        out.push({
          resource,
          messageId: 'absent',
          data: { path: path(check) },
          ...(assumed ? { note: `(${assumed}.)` } : {}),
          ...(check.absentSeverity ? { severity: check.absentSeverity } : {}),
          ...(fixValue !== undefined
            ? {
                fix:
                  found.state === 'present'
                    ? {
                        kind: 'replace',
                        title: `Set ${path(check)} to ${JSON.stringify(fixValue)}${recreates(check)}`,
                        target: found.value,
                        value: fixValue,
                        safe: !check.fixRecreates,
                      }
                    : {
                        kind: 'insert',
                        title: `Add ${path(check)}: ${JSON.stringify(fixValue)}${recreates(check)}`,
                        path: check.path,
                        value: fixValue,
                        safe: !check.fixRecreates,
                      },
              }
            : {}),
        });
        continue;
      }
      const value = found.value;
      if (value.kind === 'unknown') {
        out.push({
          resource,
          messageId: 'unknown',
          data: { path: path(check) },
          at: value,
          unknown: value,
          severity: 'info',
        });
        continue;
      }
      if (!isScalar(value)) continue;
      if (inverted && value.kind !== 'boolean') continue;
      const secure = isSecureValue(check, inverted && value.kind === 'boolean' ? !value.value : scalarOf(value));
      if (secure !== false) continue;
      const fromParameter = value.origin?.kind === 'parameter' || value.origin?.kind === 'variable';
      out.push({
        resource,
        messageId: 'insecure',
        data: { path: foundPath.join('.'), value: describe(value) },
        at: value,
        ...(fixValue !== undefined
          ? {
              fix: {
                kind: 'replace',
                title:
                  fromParameter && value.origin && 'name' in value.origin
                    ? `Set ${declarationNoun(value.origin.kind, doc)} '${value.origin.name}' to ${JSON.stringify(fixValue)}`
                    : `Set ${foundPath.join('.')} to ${JSON.stringify(fixValue)}${recreates(check)}`,
                target: value,
                value: fixValue,
                // Editing a shared parameter or variable changes every place that uses it: review first.
                safe: !fromParameter && value.origin?.kind !== 'computed' && !check.fixRecreates,
              },
            }
          : {}),
      });
    }
  }
  return out;
}
