/** The loaded rule catalog: parsed once, validated, and looked up by id. */
import { RULE_FILES } from './catalog';
import { CODE_RULES } from './checks';
import type { LocatedCodeRule } from './code-rule';
import { loadRule, loadUnitRule, RuleLoadError, unitPath } from './load';
import type { RuleMeta } from './types';

let cached: readonly RuleMeta[] | undefined;

/**
 * Loads and validates rule files, joining each code rule's YAML (its prose) with its unit (messages, dialects,
 * check) by id, and the code rules whose unit carries its prose in `meta`; throws RuleLoadError for the first bad
 * file, for a unit with both `meta` and a YAML file, or for a unit with neither.
 */
export function loadRules(
  files: ReadonlyArray<readonly [string, string]>,
  units: readonly LocatedCodeRule[] = CODE_RULES,
): RuleMeta[] {
  const unitById = new Map<string, LocatedCodeRule>();
  for (const u of units) {
    const other = unitById.get(u.unit.id);
    const file = `src/engine/rules/checks/${u.file}.ts`;
    if (other)
      throw new RuleLoadError(
        file,
        1,
        `duplicate code rule '${u.unit.id}' (also in src/engine/rules/checks/${other.file}.ts)`,
      );
    unitById.set(u.unit.id, u);
  }
  const rules: RuleMeta[] = [];
  const seen = new Set<string>();
  for (const [file, text] of files) {
    const rule = loadRule(file, text, (id) => unitById.get(id));
    if (seen.has(rule.id)) throw new RuleLoadError(file, 1, `duplicate rule id '${rule.id}'`);
    seen.add(rule.id);
    rules.push(rule);
  }
  for (const located of units) {
    const { unit, file } = located;
    if (seen.has(unit.id)) continue;
    if (unit.meta === undefined)
      throw new RuleLoadError(
        unitPath(file),
        1,
        `code rule '${unit.id}' has no 'meta': its title, severity, layer and prose go in its unit's 'meta' (or in src/engine/rules/catalog/${unit.id.toLowerCase()}.yaml)`,
      );
    seen.add(unit.id);
    rules.push(loadUnitRule(located));
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
