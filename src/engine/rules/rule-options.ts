/**
 * Options that change what rules judge, not how a file is read: the data owner's requirements (allowed regions,
 * customer-managed keys). They reach code checks as their third argument and come from `ScanOptions`, which
 * the CLI and the editor fill from `.rlens.yaml` and settings.
 */
import type { Severity } from '../core/finding';
import type { RuleMeta } from './types';

export interface RuleOptions {
  /**
   * Azure regions resources and their data replicas may use, as in the "Allowed locations" policy (names such
   * as `westeurope` or `West Europe`). Residency rules are off when this is absent or empty; `global` is always
   * allowed.
   */
  readonly allowedLocations?: readonly string[];
  /**
   * The data's owner requires customer-managed keys: rules whose metadata says `options.raiseWith:
   * requireCustomerManagedKeys` report at warning instead of info.
   */
  readonly requireCustomerManagedKeys?: boolean;
}

/** Boolean requirements a rule can name in `options.raiseWith`. */
const RAISING: Readonly<Record<string, (o: RuleOptions) => boolean>> = {
  requireCustomerManagedKeys: (o) => o.requireCustomerManagedKeys === true,
};

/** The severity a raised rule reports at. */
const RAISED: Severity = 'warning';

/** The rule as the options want it: an info rule raised to warning when its requirement is switched on. */
export function effectiveRule(rule: RuleMeta, options: RuleOptions): RuleMeta {
  const raiseWith = rule.options?.raiseWith;
  if (typeof raiseWith !== 'string' || rule.severity !== 'info' || !RAISING[raiseWith]?.(options)) return rule;
  return { ...rule, severity: RAISED };
}

/** Names `options.raiseWith` may take (the catalog test checks rule files against it). */
export const RAISE_WITH_NAMES: readonly string[] = Object.keys(RAISING);

/** An Azure region name as ARM compares it: lower case, no spaces (`West Europe` → `westeurope`). */
export function normalizeRegion(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}
