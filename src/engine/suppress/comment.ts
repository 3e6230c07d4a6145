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

const PATTERN = /rlens-disable-next-line\s+([A-Za-z0-9, -]+?)(?:\s+--\s*(.*?))?\s*(?:\[until\s+(\d{4}-\d{2}-\d{2})\])?\s*(?:\*\/)?\s*$/;

/** Reads a comment's text (with or without its `//`/`#` marker); undefined when it is not a suppression. */
export function parseSuppressionComment(comment: string): ParsedSuppression | undefined {
  const m = PATTERN.exec(comment);
  if (!m?.[1]) return undefined;
  const ruleIds = m[1].split(',').map((s) => s.trim().toUpperCase()).filter((s) => /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(s));
  if (ruleIds.length === 0) return undefined;
  return { ruleIds, reason: (m[2] ?? '').trim(), ...(m[3] ? { until: m[3] } : {}) };
}

/** The comment text for a new suppression, without the comment marker. */
export function formatSuppressionComment(ruleId: string, reason: string, until?: string): string {
  // A reason is one line: line breaks would end the comment and leak text into the template.
  const oneLine = reason.replace(/[\r\n]+/g, ' ').trim();
  return `${SUPPRESSION_DIRECTIVE} ${ruleId} -- ${oneLine}${until ? ` [until ${until}]` : ''}`;
}
