/**
 * From configuration to scan options, once for every front end: `.rlens.yaml` (shared with the team) overlaid by
 * what the person running the scan chose (CLI flags, editor settings). A choice that is set wins; one left unset
 * lets the file decide.
 */
import type { RlensConfig } from './editor-support/config';
import type { RuleSetting, ScanOptions } from './scan';

/** Choices made outside `.rlens.yaml`; undefined means "not chosen". */
export interface OptionOverrides {
  /** Per-rule settings, merged over the file's rule by rule (ids in any case). */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly reportUnknown?: boolean;
  readonly allowedLocations?: readonly string[];
  readonly requireCustomerManagedKeys?: boolean;
}

/** The options a configuration and a person's choices give (without the host and other per-run inputs). */
export function scanOptionsFrom(config: RlensConfig, overrides: OptionOverrides = {}): ScanOptions {
  const rules: Record<string, RuleSetting> = { ...config.rules };
  for (const [id, setting] of Object.entries(overrides.rules ?? {})) rules[id.toUpperCase()] = setting;
  const allowedLocations = overrides.allowedLocations ?? config.allowedLocations;
  const requireCustomerManagedKeys = overrides.requireCustomerManagedKeys ?? config.requireCustomerManagedKeys;
  return {
    rules,
    reportUnknown: overrides.reportUnknown ?? config.reportUnknown ?? false,
    configSuppressions: config.suppressions,
    ...(allowedLocations ? { allowedLocations } : {}),
    ...(requireCustomerManagedKeys !== undefined ? { requireCustomerManagedKeys } : {}),
  };
}
