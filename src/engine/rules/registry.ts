/** The loaded rule catalog: parsed once, validated, and looked up by id. */
import { RULE_FILES } from './catalog';
import { CODE_CHECKS } from './checks';
import { loadRule, RuleLoadError } from './load';
import type { RuleMeta } from './types';

let cached: readonly RuleMeta[] | undefined;

/** Loads and validates rule files; throws RuleLoadError for the first bad file. */
export function loadRules(files: ReadonlyArray<readonly [string, string]>): RuleMeta[] {
  const rules: RuleMeta[] = [];
  const seen = new Set<string>();
  for (const [file, text] of files) {
    const rule = loadRule(file, text);
    if (seen.has(rule.id)) throw new RuleLoadError(file, 1, `duplicate rule id '${rule.id}'`);
    if (rule.code && !CODE_CHECKS[rule.code]) throw new RuleLoadError(file, 1, `unknown code check '${rule.code}'`);
    seen.add(rule.id);
    rules.push(rule);
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** The built-in catalog. */
export function allRules(): readonly RuleMeta[] {
  cached ??= loadRules(RULE_FILES);
  return cached;
}

export function ruleById(id: string): RuleMeta | undefined {
  return allRules().find((r) => r.id === id);
}

export const DOCS_BASE = 'https://github.com/responsibility-lens/responsibility-lens/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
