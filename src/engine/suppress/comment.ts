/**
 * The one suppression syntax of the comment-bearing formats (Bicep `//`, Terraform `#` or `//`), written on the
 * line above a resource:
 *
 *     rlens-disable-next-line STG-TLS, STG-HTTPS -- legacy clients until the migration [until 2027-03-31]
 *
 * The reason after `--` is mandatory; a suppression without one is ignored and the finding says so. After the
 * optional `until` date the suppression lapses and the finding returns, saying when it expired.
 */

export const SUPPRESSION_DIRECTIVE = 'rlens-disable-next-line';

export interface ParsedSuppression {
  readonly ruleIds: readonly string[];
  /** Empty when the comment gives none. */
  readonly reason: string;
  /** YYYY-MM-DD, when given. */
  readonly until?: string;
}

/**
 * Reads a comment's text (with or without its `//`/`#` marker); undefined when it is not a suppression. Parsed
 * step by step rather than with one regular expression: a single pattern with optional parts around runs of
 * spaces backtracks quadratically, and a comment with a 60,000-space reason took seconds.
 */
export function parseSuppressionComment(comment: string): ParsedSuppression | undefined {
  const at = comment.indexOf(SUPPRESSION_DIRECTIVE);
  if (at < 0) return undefined;
  let rest = comment.slice(at + SUPPRESSION_DIRECTIVE.length);
  if (!/^\s/.test(rest)) return undefined;
  rest = rest.trimEnd();
  if (rest.endsWith('*/')) rest = rest.slice(0, -2).trimEnd();
  const expiry = /\[until\s+(\d{4}-\d{2}-\d{2})\]$/.exec(rest);
  if (expiry) rest = rest.slice(0, expiry.index).trimEnd();
  const dash = rest.search(/\s--/);
  const ids = (dash < 0 ? rest : rest.slice(0, dash)).trim();
  if (!/^[A-Za-z0-9, -]+$/.test(ids)) return undefined;
  const ruleIds = ids
    .split(',')
    .map((x) => x.trim().toUpperCase())
    .filter((x) => /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(x));
  if (ruleIds.length === 0) return undefined;
  const reason =
    dash < 0
      ? ''
      : rest
          .slice(dash)
          .replace(/^\s*--/, '')
          .trim();
  return { ruleIds, reason, ...(expiry?.[1] ? { until: expiry[1] } : {}) };
}

/** The comment text for a new suppression, without the comment marker. */
export function formatSuppressionComment(ruleId: string, reason: string, until?: string): string {
  // A reason is one line: line breaks would end the comment and leak text into the template.
  const oneLine = reason.replace(/[\r\n]+/g, ' ').trim();
  return `${SUPPRESSION_DIRECTIVE} ${ruleId} -- ${oneLine}${until ? ` [until ${until}]` : ''}`;
}
