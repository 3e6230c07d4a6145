/** Rule metadata (the single source of truth for every surface) and the shapes rules produce. */
import type { Severity } from '../core/finding';
import type { Literal, Value } from '../core/value';
import type { Dialect, Resource } from '../model/resource';
import type { LayerId } from '../responsibility/layers';

export type Risk = 'critical' | 'high' | 'medium' | 'low';
export const RISKS: readonly Risk[] = ['critical', 'high', 'medium', 'low'];

/** What an absent property means, per the API or provider default. */
export type AbsentPolicy =
  | 'secure'
  | 'insecure'
  /** Insecure only when the resource's apiVersion sorts before this date (ARM, Bicep, azapi). */
  | { readonly apiVersionBefore: string }
  /** Insecure only when the azurerm provider's major version is below this (azurerm). */
  | { readonly providerMajorBelow: number };

/** "Property `path` of resource `type` must be in `secure` (or not in `insecure`); when absent it means `absent`." */
export interface PropertyCheck {
  readonly dialects: readonly Dialect[];
  /** Resource type, compared case-insensitively (ARM type or azurerm type). */
  readonly type: string;
  readonly path: readonly string[];
  /** Older names of the same property (provider renames), read when `path` is absent. */
  readonly aliases?: readonly (readonly string[])[];
  /** Older names with the opposite boolean sense (azurerm v3 `local_authentication_disabled`), read when absent. */
  readonly invertedAliases?: readonly (readonly string[])[];
  readonly secure?: readonly Literal[];
  readonly insecure?: readonly Literal[];
  /** Numbers at or above this are secure (retention days, …). */
  readonly min?: number;
  readonly absent: AbsentPolicy;
  /** Severity for the absent case when it differs from the rule's. */
  readonly absentSeverity?: Severity;
  /** The secure value a fix writes. */
  readonly fix?: Literal;
  /**
   * The property is fixed at creation (geo-redundant backup): changing it recreates the resource, or is refused,
   * so the fix is offered for review only, never applied by `--fix` or fix-all.
   */
  readonly fixRecreates?: boolean;
  /** Only check resources where this other property has one of these values (e.g. `kind`). */
  readonly when?: { readonly path: readonly string[]; readonly in: readonly Literal[] };
}

export interface PolicyRef {
  readonly name: string;
  readonly id: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly risk: Risk;
  readonly layer: LayerId;
  /** Microsoft cloud security benchmark control ids (e.g. `DP-3`). */
  readonly mcsb: readonly string[];
  readonly policy?: PolicyRef;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly string[];
  /** Message templates by id: `insecure`, `absent`, and any a code check uses. `{resource}`, `{value}`, … are filled in. */
  readonly messages: Readonly<Record<string, string>>;
  /** Resource types the rule looks at (derived from checks, or declared for code checks). */
  readonly resourceTypes: readonly string[];
  /** Dialects the rule claims, each of which must have fixtures. */
  readonly dialects: readonly Dialect[];
  readonly checks: readonly PropertyCheck[];
  /** Name of a code check in `rules/checks`, for what data cannot express. */
  readonly code?: string;
  /** Free parameters for the code check (e.g. `{ port: 22 }`). */
  readonly options?: Readonly<Record<string, Literal | readonly Literal[]>>;
  /** Where the rule was loaded from, for error messages. */
  readonly source: string;
}

/** An abstract fix: the format's writer turns it into text edits. */
export type FixIntent =
  | { readonly kind: 'replace'; readonly title: string; readonly target: Value; readonly value: Literal; readonly safe: boolean }
  | { readonly kind: 'insert'; readonly title: string; readonly path: readonly string[]; readonly value: Literal; readonly safe: boolean };

/** What a check reports before the engine adds metadata, ownership, related locations and fixes. */
export interface RawFinding {
  /** The resource judged; absent for template-level findings (a parameter), which then name a `subject`. */
  readonly resource?: Resource;
  readonly subject?: { readonly type: string; readonly name: string };
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Where to show it; defaults to the resource anchor. */
  readonly at?: Value;
  readonly severity?: Severity;
  readonly fix?: FixIntent;
  /** The verdict depends on an unknown value. */
  readonly unknown?: Value;
  /** Appended to the message: an assumption the verdict rests on (e.g. the azurerm major when none is pinned). */
  readonly note?: string;
}
