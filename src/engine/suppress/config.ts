/**
 * Suppressions written in `.rlens.yaml` (by rule, resource and file), and the one definition of "this entry
 * covers that finding", read both when a finding is suppressed and when an entry is judged unused.
 */
import type { Span } from '../core/span';

export interface ConfigSuppression {
  readonly ruleId: string;
  /** Resource name or symbol; `*` or absent for every resource. */
  readonly resource?: string;
  /** Glob-free path suffix the file must end with; absent for every file. */
  readonly file?: string;
  readonly reason: string;
  readonly expires?: string;
  /** Where the entry is written in `.rlens.yaml`, for reporting it. */
  readonly span?: Span;
}

/** The resource a finding is about, as a configuration entry names it (name or Bicep/Terraform symbol). */
export interface NamedResource {
  readonly name: string;
  readonly symbol?: string;
}

/** Does a `.rlens.yaml` suppression cover a finding of `ruleId` (upper case) on `resource` in `file`? */
export function configSuppressionMatches(
  c: ConfigSuppression,
  ruleId: string,
  resource: NamedResource,
  file: string,
): boolean {
  if (c.ruleId.toUpperCase() !== ruleId) return false;
  if (c.resource && c.resource !== '*' && c.resource !== resource.name && c.resource !== resource.symbol) return false;
  return !c.file || file.replace(/\\/g, '/').endsWith(c.file);
}
