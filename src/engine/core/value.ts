/**
 * The value tree every format adapter produces and every rule reads. A property is in one of three states:
 * absent (no node), known (a literal node with its origin), or unknown (an `unknown` node saying why).
 */
import type { Span } from './span';

/** Where a known value came from, so that a finding can point at the parameter or variable behind it. */
export type Origin =
  | { readonly kind: 'literal' }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      /**
       * `default` = the template's default value; `parameterFile` = a .bicepparam, parameters.json or tfvars
       * value; `module` = the value a module call passes (Bicep `params: { … }`).
       */
      readonly source: 'default' | 'parameterFile' | 'module';
      /** The span of the value in `file` (the default or the parameter-file entry). */
      readonly span: Span;
      /** The file holding that value when it is not the file being scanned. */
      readonly file?: string;
    }
  | { readonly kind: 'variable'; readonly name: string; readonly span: Span; readonly file?: string }
  | { readonly kind: 'computed' };

interface ValueBase {
  /** Span of the expression at the place of use (in the scanned file). */
  readonly span: Span;
  readonly origin?: Origin;
  /**
   * Set on a literal that reached its place through an expression rather than being written there as the
   * value itself: an ARM `[…]` expression, the branch a Bicep ternary or a Terraform conditional chose
   * (`branch`: which one), a fallback (`??`, `coalesce`), a member of a literal object. A fix rewriting it
   * changes logic, not just a setting: it is offered for review only.
   */
  readonly through?: { readonly branch?: boolean };
}

export interface StringValue extends ValueBase {
  readonly kind: 'string';
  readonly value: string;
}
export interface NumberValue extends ValueBase {
  readonly kind: 'number';
  readonly value: number;
}
export interface BooleanValue extends ValueBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}
export interface NullValue extends ValueBase {
  readonly kind: 'null';
}
export interface PropertyEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: Value;
  /** From the start of the key to the end of the value. */
  readonly span: Span;
}
export interface ObjectValue extends ValueBase {
  readonly kind: 'object';
  readonly properties: readonly PropertyEntry[];
}
export interface ArrayValue extends ValueBase {
  readonly kind: 'array';
  readonly items: readonly Value[];
  /** True for repeated Terraform blocks (`security_rule { }` twice): a list by construction, not by syntax. */
  readonly blocks?: boolean;
}
/** A value the engine cannot know statically. */
export interface UnknownValue extends ValueBase {
  readonly kind: 'unknown';
  /** Human-readable, e.g. "parameter 'tlsVersion' has no default value". Never contains secret values. */
  readonly reason: string;
  /** Parameters (or Terraform variables) the value depends on, for "depends on parameter X" reports. */
  readonly dependsOn?: readonly string[];
  /**
   * The deployment-time function this value is the result of (`subscriptionResourceId`, `reference`, `listKeys`),
   * with its arguments that are known strings: a role definition id keeps its GUID even though the id is not known.
   * Terraform indexing of an unknown map by a literal key is `{ name: 'index', args: [key] }`
   * (`app_role_ids["User.Read.All"]`).
   */
  readonly call?: { readonly name: string; readonly args: readonly (string | undefined)[] };
  /**
   * A credential this value carries, read at deployment (`listKeys()`, Terraform `primary_access_key`): kept
   * through member access, indexing and interpolation, so a connection string built from a key still says so.
   */
  readonly secret?: string;
  /**
   * ARM and Bicep: the secure parameter this value is, or is built from (concatenation, member access); not
   * carried through functions that reveal nothing of it (uniqueString, guid, length, comparisons).
   */
  readonly secureInput?: string;
  /** Terraform: the resource or data source this value is an attribute of (`data.azurerm_subscription.primary`). */
  readonly computedFrom?: string;
  /** Terraform: a string that starts with such an attribute (`"${azurerm_storage_account.st.id}/blobServices/default"`). */
  readonly under?: string;
}

export type ScalarValue = StringValue | NumberValue | BooleanValue | NullValue;
export type Value = ScalarValue | ObjectValue | ArrayValue | UnknownValue;
export type Literal = string | number | boolean | null;

export function isScalar(v: Value): v is ScalarValue {
  return v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null';
}

/** True when the value is written at its own place (not taken from a parameter, variable or computation), so a fix may edit it there. */
export function isWrittenInPlace(v: Value): boolean {
  return !v.origin || v.origin.kind === 'literal';
}

/**
 * Marks a scalar written in place that an expression passed on (see `through`); other values are returned as
 * they are (a value from a parameter or variable is edited at its origin, never safely). An existing mark stays.
 */
export function throughExpression(v: Value, branch?: boolean): Value {
  if (v.through || !isScalar(v) || !isWrittenInPlace(v)) return v;
  return { ...v, through: branch === undefined ? {} : { branch } };
}

export function scalarOf(v: ScalarValue): Literal {
  return v.kind === 'null' ? null : v.value;
}

/** ARM property names are case-insensitive; Terraform's are not, but never differ only by case. */
export function getProperty(obj: ObjectValue, key: string): PropertyEntry | undefined {
  const lower = key.toLowerCase();
  let found: PropertyEntry | undefined;
  for (const p of obj.properties) {
    // The last duplicate wins, as in JSON.parse and ARM.
    if (p.key.toLowerCase() === lower) found = p;
  }
  return found;
}

/** Result of walking a property path: absent, or the node found, or the unknown node that blocked the walk. */
export type Lookup =
  | { readonly state: 'absent'; readonly parent?: ObjectValue; readonly missing: readonly string[] }
  | { readonly state: 'present'; readonly value: Value; readonly entry?: PropertyEntry };

/**
 * Walks `path` from `root`. Stops at an unknown node (returned as present, kind `unknown`): a property under an
 * unknown object is itself unknown, not absent. Arrays are not traversed here; see `lookupAll`.
 */
export function lookup(root: ObjectValue, path: readonly string[]): Lookup {
  let current: ObjectValue = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    const entry = getProperty(current, key);
    if (!entry) return { state: 'absent', parent: current, missing: path.slice(i) };
    const value = entry.value;
    if (i === path.length - 1) return { state: 'present', value, entry };
    if (value.kind === 'unknown') return { state: 'present', value, entry };
    if (value.kind === 'object') {
      current = value;
      continue;
    }
    if (value.kind === 'array' && value.blocks && value.items.length === 1 && value.items[0]?.kind === 'object') {
      current = value.items[0];
      continue;
    }
    if (value.kind === 'null') return { state: 'absent', missing: path.slice(i + 1) };
    // A scalar or list where an object was expected: treat the rest as unknown rather than guess.
    return {
      state: 'present',
      value: { kind: 'unknown', span: value.span, reason: `'${path.slice(0, i + 1).join('.')}' is not an object` },
      entry,
    };
  }
  return { state: 'present', value: root };
}

/** The value at `path` when it is written and not `null`; undefined otherwise. */
export function presentAt(root: ObjectValue, path: readonly string[]): Value | undefined {
  const found = lookup(root, path);
  return found.state === 'present' && found.value.kind !== 'null' ? found.value : undefined;
}

/** A value that says something: not absent, not `null`, not a blank string. */
export function hasContent(v: Value | undefined): boolean {
  return v !== undefined && v.kind !== 'null' && !(v.kind === 'string' && v.value.trim() === '');
}

/**
 * Every value reached by `path`, mapping over arrays on the way (for lists such as NSG `securityRules` or
 * repeated Terraform blocks). `[]` when nothing is there.
 */
export function lookupAll(root: Value, path: readonly string[]): Value[] {
  let frontier: Value[] = [root];
  for (const key of path) {
    const next: Value[] = [];
    for (const node of frontier) {
      for (const item of node.kind === 'array' ? node.items : [node]) {
        if (item.kind === 'object') {
          const entry = getProperty(item, key);
          if (entry) next.push(entry.value);
        } else if (item.kind === 'unknown') {
          next.push(item);
        }
      }
    }
    frontier = next;
  }
  return frontier.flatMap((v) => (v.kind === 'array' ? [...v.items] : [v]));
}

/** Strings of a value that is a string or an array of strings; unknown elements are returned separately. */
export function stringsOf(v: Value): { known: StringValue[]; unknown: UnknownValue[] } {
  const known: StringValue[] = [];
  const unknown: UnknownValue[] = [];
  for (const item of v.kind === 'array' ? v.items : [v]) {
    if (item.kind === 'string') known.push(item);
    else if (item.kind === 'unknown') unknown.push(item);
    else if (item.kind === 'number')
      known.push({ kind: 'string', value: String(item.value), span: item.span, origin: item.origin });
  }
  return { known, unknown };
}
