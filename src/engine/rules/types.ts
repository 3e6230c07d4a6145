/** Rule metadata (the single source of truth for every surface) and the shapes rules produce. */
import type { Severity } from '../core/finding';
import type { Literal, Value } from '../core/value';
import type { AnalyzedDocument } from '../model/document';
import type { Dialect, Resource } from '../model/resource';
import type { LayerId } from '../responsibility/layers';
import type { RuleOptions } from './rule-options';

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
  /** For a code rule: the file in `rules/checks` that declares its unit (`nsg-open-port`), for docs and errors. */
  readonly code?: string;
  /** For a code rule: its check, from its unit (`createRule` in `rules/checks/<code>.ts`). */
  readonly check?: CodeCheck;
  /** Parameters of a code rule's check (e.g. `{ port: 22 }`), from its unit. */
  readonly options?: RuleParameters;
  /** Where the rule was loaded from, for error messages. */
  readonly source: string;
}

/** Parameters a code rule hands its check (free data, shown in the rule's docs). */
export type RuleParameters = Readonly<Record<string, Literal | readonly Literal[]>>;

/**
 * A code rule's check. `options` carries the data owner's requirements (allowed regions, …) from `ScanOptions`.
 * Its findings' message ids are typed: a check of a rule whose messages are `open` and `unknown` cannot report
 * another id.
 */
export type CodeCheck<MessageId extends string = string> = (
  rule: RuleMeta,
  doc: AnalyzedDocument,
  options: RuleOptions,
) => readonly RawFinding<MessageId>[];

/** An abstract fix: the format's writer turns it into text edits. */
export type FixIntent =
  | {
      readonly kind: 'replace';
      readonly title: string;
      readonly target: Value;
      readonly value: Literal;
      readonly safe: boolean;
    }
  | {
      readonly kind: 'insert';
      readonly title: string;
      readonly path: readonly string[];
      readonly value: Literal;
      readonly safe: boolean;
    };

/**
 * What a check reports before the engine adds metadata, ownership, related locations and fixes. `MessageId` is
 * the rule's message ids: a code rule's check is typed by the keys of its `messages` (see `code-rule.ts`).
 */
export interface RawFinding<MessageId extends string = string> {
  /** The resource judged; absent for template-level findings (a parameter), which then name a `subject`. */
  readonly resource?: Resource;
  readonly subject?: { readonly type: string; readonly name: string };
  readonly messageId: MessageId;
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
