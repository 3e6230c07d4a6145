/**
 * Which suppression, if any, applies to a finding: an inline one (comment or ARM metadata on the resource, within
 * its range) first, then a `.rlens.yaml` entry. A suppression without a reason, or past its `until` date, does not
 * apply, and the finding's message says why.
 */
import type { Suppression } from '../core/finding';
import type { Resource } from '../model/resource';
import { configSuppressionMatches, type ConfigSuppression } from './config';

export interface SuppressionContext {
  /** YYYY-MM-DD: a suppression expiring before this day has lapsed. */
  readonly today: string;
  readonly config: readonly ConfigSuppression[];
}

/** The suppression written for this rule at `offset` (inline first, then configuration), valid or not. */
function candidate(
  ruleId: string,
  resource: Resource | undefined,
  name: string,
  file: string,
  offset: number,
  config: readonly ConfigSuppression[],
): Suppression | undefined {
  const inline = resource?.suppressions.find(
    (s) => s.ruleId.toUpperCase() === ruleId && (!s.within || (offset >= s.within.start && offset < s.within.end)),
  );
  if (inline) return inline;
  const named = { name, ...(resource?.symbol ? { symbol: resource.symbol } : {}) };
  const c = config.find((x) => configSuppressionMatches(x, ruleId, named, file));
  return c
    ? {
        ruleId: c.ruleId,
        reason: c.reason,
        ...(c.expires ? { expires: c.expires } : {}),
        file,
        span: { start: 0, end: 0 },
        source: 'config',
      }
    : undefined;
}

export interface SuppressionVerdict {
  /** The suppression in force, if any. */
  readonly suppressed?: Suppression;
  /** Appended to the finding's message when a suppression was written but does not apply. */
  readonly note: string;
}

/**
 * The suppression in force for a finding of `ruleId` on `resource` (named `name`) at `offset` of the scanned
 * `file`; `note` explains a suppression that is ignored (no reason) or has lapsed.
 */
export function suppressionFor(
  ruleId: string,
  resource: Resource | undefined,
  name: string,
  file: string,
  offset: number,
  ctx: SuppressionContext,
): SuppressionVerdict {
  const s = candidate(ruleId, resource, name, file, offset, ctx.config);
  if (!s) return { note: '' };
  if (s.reason.trim() === '') return { note: ' (A suppression for this rule is ignored: it gives no reason.)' };
  if (s.expires && s.expires < ctx.today) return { note: ` (Its suppression expired on ${s.expires}.)` };
  return { suppressed: s, note: '' };
}
