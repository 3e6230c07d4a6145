/**
 * ARM has no comments that survive tooling, so suppressions live in the resource's `metadata`:
 * `"metadata": { "rlens-disable": [ { "rule": "STG-TLS", "reason": "…", "until": "2027-03-31" } ] }` — the same
 * fields as the comment form (`rlens-disable-next-line RULE -- reason [until DATE]`) of Bicep and Terraform.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Suppression } from '../../core/finding';
import { child, nodeSpan, stringOf } from './json-values';

export const ARM_SUPPRESSION_KEY = 'rlens-disable';

export function readArmSuppressions(resource: JsonNode, file: string): Suppression[] {
  const list = child(child(resource, 'metadata'), ARM_SUPPRESSION_KEY);
  const out: Suppression[] = [];
  for (const entry of list?.type === 'array' ? (list.children ?? []) : list ? [list] : []) {
    const rule = stringOf(child(entry, 'rule'));
    if (!rule) continue;
    const expires = stringOf(child(entry, 'until'));
    out.push({
      ruleId: rule,
      reason: stringOf(child(entry, 'reason'))?.trim() ?? '',
      ...(expires ? { expires } : {}),
      file,
      span: nodeSpan(entry),
      source: 'inline',
    });
  }
  return out;
}
