/**
 * Renders `docs/rules/<ID>.md` and `docs/rules/README.md` from rule metadata and rule fixtures. Pure: the caller
 * supplies fixture text (`scripts/gen-docs.mjs` reads the disk; `test/docs.test.ts` proves the pages current).
 * Every sentence about a rule comes from its YAML, the layer table or its fixtures, so a page cannot drift from
 * what the engine does.
 */
import {
  DEPLOYMENT_MODELS,
  LAYERS,
  layerById,
  serviceModelOf,
  TEMPLATE_SUBJECTS,
  type Dialect,
  type RuleMeta,
  type ServiceModel,
} from '../engine';
import type { AbsentPolicy, PropertyCheck } from '../engine/rules/types';

export type FixtureKind = 'insecure' | 'secure' | 'fixed';
/** Text of `test/fixtures/rules/<ruleId>/<dialect>/<kind>.<ext>`, or undefined when there is none. */
export type FixtureReader = (ruleId: string, dialect: Dialect, kind: FixtureKind) => string | undefined;

/** The catalog, re-exported so that the generator's bundle renders exactly the rules the engine loads. */
export { allRules } from '../engine';

export const DIALECTS: readonly Dialect[] = ['arm', 'bicep', 'azurerm', 'azapi'];
export const DIALECT_TITLE: Readonly<Record<Dialect, string>> = {
  arm: 'ARM',
  bicep: 'Bicep',
  azurerm: 'Terraform azurerm',
  azapi: 'Terraform azapi',
};
export const DIALECT_EXT: Readonly<Record<Dialect, string>> = {
  arm: 'json',
  bicep: 'bicep',
  azurerm: 'tf',
  azapi: 'tf',
};
const FENCE: Readonly<Record<Dialect, string>> = { arm: 'json', bicep: 'bicep', azurerm: 'hcl', azapi: 'hcl' };
const SHORT: Readonly<Record<Dialect, string>> = { arm: 'ARM', bicep: 'Bicep', azurerm: 'azurerm', azapi: 'azapi' };

/** MCSB control families by id prefix (Microsoft cloud security benchmark v1). */
const MCSB_FAMILY: Readonly<Record<string, string>> = {
  NS: 'Network security',
  IM: 'Identity management',
  PA: 'Privileged access',
  DP: 'Data protection',
  AM: 'Asset management',
  LT: 'Logging and threat detection',
  IR: 'Incident response',
  PV: 'Posture and vulnerability management',
  ES: 'Endpoint security',
  BR: 'Backup and recovery',
  DS: 'DevOps security',
  GS: 'Governance and strategy',
};
const MCSB_URL = 'https://learn.microsoft.com/security/benchmark/azure/overview';

export const REGENERATE = 'npm run docs';

/** The generated-file notice; also how the generator recognises pages it owns. */
function notice(source: string): string {
  return `<!-- Generated from ${source} by scripts/gen-docs.mjs. Do not edit: change the source and run \`${REGENERATE}\`. -->`;
}

/** Removes the test's `expect:` markers (a trailing comment), dropping lines that held nothing else. */
export function stripMarkers(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const stripped = line.replace(/[ \t]*(?:\/\/|#|\/\*)[ \t]*expect:[ \t]*[A-Z0-9, -]+?[ \t]*(?:\*\/)?[ \t]*$/, '');
    if (stripped !== line && stripped.trim() === '') continue;
    out.push(stripped);
  }
  return out.join('\n').replace(/\n+$/, '');
}

function code(dialect: Dialect, text: string): string {
  const body = stripMarkers(text);
  const fence = body.includes('```') ? '````' : '```';
  return `${fence}${FENCE[dialect]}\n${body}\n${fence}`;
}

function literal(v: unknown): string {
  return `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
}

function describeAbsent(a: AbsentPolicy, dialects: readonly Dialect[]): string {
  if (a === 'secure') return 'secure (the default is safe): not reported';
  if (a === 'insecure') return 'insecure (the default is unsafe): reported';
  if ('apiVersionBefore' in a)
    return `insecure for API versions before ${a.apiVersionBefore} (reported), secure from ${a.apiVersionBefore} on`;
  const provider = dialects.includes('azurerm') ? 'azurerm' : 'the provider';
  return `insecure with ${provider} major versions below ${a.providerMajorBelow} (reported), secure from ${a.providerMajorBelow}.0 on`;
}

function accepted(c: PropertyCheck): string {
  const parts: string[] = [];
  if (c.secure) parts.push(`one of ${c.secure.map(literal).join(', ')}`);
  if (c.insecure) parts.push(`anything but ${c.insecure.map(literal).join(', ')}`);
  if (c.min !== undefined) parts.push(`at least ${c.min}`);
  return parts.join('; ') || 'see the rule';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function whatItChecks(rule: RuleMeta): string[] {
  const lines: string[] = ['## What it checks', ''];
  if (rule.checks.length > 0) {
    lines.push('| Dialect | Resource type | Property | Secure values | When absent |', '|---|---|---|---|---|');
    for (const c of rule.checks) {
      const path =
        [c.path, ...(c.aliases ?? [])].map((p) => `\`${p.join('.')}\``).join(' (or older ') +
        (c.aliases?.length ? ')' : '');
      const when = c.when ? ` (only where \`${c.when.path.join('.')}\` is ${c.when.in.map(literal).join(' or ')})` : '';
      const sev = c.absentSeverity && c.absent !== 'secure' ? `; severity ${c.absentSeverity}` : '';
      lines.push(
        `| ${c.dialects.map((d) => SHORT[d]).join(', ')} | \`${c.type}\`${cell(when)} | ${cell(path)} | ${cell(accepted(c))} | ${cell(describeAbsent(c.absent, c.dialects) + sev)} |`,
      );
    }
    lines.push(
      '',
      'A value that is known only at deployment (a parameter without a value, a function of the deployment) is not reported unless `--report-unknown` (or `reportUnknown: true` in `.rlens.yaml`) asks for it; a value that comes from a parameter default, a parameter file or a variable is judged, and the finding points at where it is written.',
    );
  }
  if (rule.code) {
    if (rule.checks.length > 0) lines.push('');
    const types = rule.resourceTypes.filter((t) => !rule.checks.some((c) => c.type === t));
    const on =
      types.length > 0
        ? ` on ${types.map((t) => (t === 'parameter' ? 'template parameters' : t === 'output' ? 'template outputs' : `\`${t}\``)).join(', ')}`
        : '';
    lines.push(
      `A code check (\`src/engine/rules/checks/${rule.code}.ts\`)${on}, for ${DIALECTS.filter((d) =>
        rule.dialects.includes(d),
      )
        .map((d) => SHORT[d])
        .join(', ')}.`,
    );
    const options = Object.entries(rule.options ?? {});
    if (options.length > 0)
      lines.push(
        '',
        `Options: ${options.map(([k, v]) => `\`${k}\` = ${Array.isArray(v) ? v.map(literal).join(', ') : literal(v)}`).join('; ')}.`,
      );
    const messages = Object.entries(rule.messages);
    if (messages.length > 0) lines.push('', 'It reports:', '', ...messages.map(([id, m]) => `- \`${id}\`: ${m}`));
  }
  return lines;
}

function whyItMatters(rule: RuleMeta): string[] {
  const layer = layerById(rule.layer);
  const models = new Map<ServiceModel, Set<string>>();
  for (const t of rule.resourceTypes) {
    const m = TEMPLATE_SUBJECTS.has(t) ? undefined : serviceModelOf(t);
    if (!m) continue;
    const set = models.get(m.model) ?? new Set<string>();
    set.add(m.title);
    models.set(m.model, set);
  }
  const lines = ['## Why it matters', '', rule.rationale.trim(), ''];
  lines.push(`Layer: **${layer.title}**. ${layer.covers}`, '');
  lines.push(`| Service model | Who owns *${layer.title}* | This rule's resources |`, '|---|---|---|');
  for (const m of DEPLOYMENT_MODELS) {
    const here = m === 'On-premises' ? undefined : models.get(m);
    lines.push(`| ${m} | ${layer.owners[m]} | ${here ? `**yes**: ${[...here].sort().join(', ')}` : ''} |`);
  }
  if (models.size === 0)
    lines.push(
      '',
      'The rule looks at the template itself rather than at one resource, so its owner is the same under every model.',
    );
  return lines;
}

function examples(rule: RuleMeta, read: FixtureReader): string[] {
  const lines = ['## Examples'];
  for (const d of DIALECTS.filter((x) => rule.dialects.includes(x))) {
    const insecure = read(rule.id, d, 'insecure');
    const secure = read(rule.id, d, 'secure');
    lines.push('', `### ${DIALECT_TITLE[d]}`, '');
    if (!insecure && !secure) {
      lines.push(`No ${DIALECT_TITLE[d]} example yet.`);
      continue;
    }
    if (insecure) lines.push('Insecure (flagged):', '', code(d, insecure));
    if (insecure && secure) lines.push('');
    if (secure) lines.push('Secure (not flagged):', '', code(d, secure));
  }
  return lines;
}

function fix(rule: RuleMeta, read: FixtureReader): string[] {
  const lines = ['## Fix', '', rule.remediation.trim()];
  for (const d of DIALECTS.filter((x) => rule.dialects.includes(x))) {
    const fixed = read(rule.id, d, 'fixed');
    // A create-time setting is fixed for review only: `--fix` leaves it alone (it would recreate the resource).
    const how = rule.checks.some((c) => c.fixRecreates)
      ? 'the quick fix, offered for review only (it recreates the resource)'
      : 'the quick fix (`rlens scan --fix`)';
    if (fixed) lines.push('', `${DIALECT_TITLE[d]}, the insecure example after ${how}:`, '', code(d, fixed));
  }
  return lines;
}

function mcsb(rule: RuleMeta): string[] {
  const lines = ['## Microsoft cloud security benchmark', ''];
  if (rule.mcsb.length === 0) return [...lines, 'No control applies (see *Why it matters*).'];
  return [
    ...lines,
    ...rule.mcsb.map(
      (id) =>
        `- [${id}](${MCSB_URL})${MCSB_FAMILY[id.split('-')[0] ?? ''] ? `: ${MCSB_FAMILY[id.split('-')[0] ?? '']}` : ''}`,
    ),
  ];
}

function policy(rule: RuleMeta): string[] {
  const lines = ['## Azure Policy built-in', ''];
  if (!rule.policy) return [...lines, 'None known for this setting.'];
  const url = `https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F${rule.policy.id}`;
  return [...lines, `[${rule.policy.name}](${url}) (\`${rule.policy.id}\`)`];
}

function references(rule: RuleMeta): string[] {
  return ['## References', '', ...rule.references.map((r) => (/^https?:\/\/\S+$/.test(r) ? `- <${r}>` : `- ${r}`))];
}

/** The page of one rule. */
export function renderRulePage(rule: RuleMeta, read: FixtureReader): string {
  const layer = layerById(rule.layer);
  const head = [
    `# ${rule.id}: ${rule.title}`,
    '',
    notice(
      `${rule.source.startsWith('src/') ? rule.source : `src/engine/rules/catalog/${rule.source}`} and test/fixtures/rules/${rule.id}/`,
    ),
    '',
    `Severity **${rule.severity}** · risk ${rule.risk} · layer [${layer.title}](README.md#${anchor(layer.title)}) · ${DIALECTS.filter(
      (d) => rule.dialects.includes(d),
    )
      .map((d) => SHORT[d])
      .join(', ')}`,
  ];
  const sections = [
    head,
    whatItChecks(rule),
    whyItMatters(rule),
    examples(rule, read),
    fix(rule, read),
    mcsb(rule),
    policy(rule),
    references(rule),
  ];
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}

/** GitHub's heading anchor. */
function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

/** `docs/rules/README.md`: every rule, grouped by layer, with counts per layer and per dialect. */
export function renderIndex(rules: readonly RuleMeta[]): string {
  const lines = ['# Rules', '', notice('src/engine/rules/catalog/'), ''];
  lines.push(
    `${rules.length} rules. Ids are stable: a retired id is never reused. \`npx rlens rules\` lists them on the command line.`,
    '',
  );
  lines.push('| Dialect | Rules |', '|---|---|');
  for (const d of DIALECTS)
    lines.push(`| ${DIALECT_TITLE[d]} | ${rules.filter((r) => r.dialects.includes(d)).length} |`);
  lines.push('', '| Layer | Rules | Owner (On-premises / IaaS / PaaS / SaaS) |', '|---|---|---|');
  for (const l of LAYERS) {
    const n = rules.filter((r) => r.layer === l.id).length;
    if (n > 0)
      lines.push(
        `| [${l.title}](#${anchor(l.title)}) | ${n} | ${DEPLOYMENT_MODELS.map((m) => l.owners[m]).join(' / ')} |`,
      );
  }
  for (const l of LAYERS) {
    const inLayer = rules.filter((r) => r.layer === l.id);
    if (inLayer.length === 0) continue;
    lines.push('', `## ${l.title}`, '', `${l.covers} ${inLayer.length} rule${inLayer.length === 1 ? '' : 's'}.`, '');
    lines.push('| Rule | Title | Severity | ARM | Bicep | azurerm | azapi |', '|---|---|---|---|---|---|---|');
    for (const r of inLayer) {
      lines.push(
        `| [${r.id}](${r.id}.md) | ${cell(r.title)} | ${r.severity} | ${DIALECTS.map((d) => (r.dialects.includes(d) ? 'yes' : '')).join(' | ')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Every generated file, by path relative to `docs/rules/`. */
export function renderAll(rules: readonly RuleMeta[], read: FixtureReader): Map<string, string> {
  const files = new Map<string, string>([['README.md', renderIndex(rules)]]);
  for (const r of rules) files.set(`${r.id}.md`, renderRulePage(r, read));
  return files;
}

/** Does this existing file belong to the generator (so that a page of a removed rule may be deleted)? */
export function isGenerated(text: string): boolean {
  return text.includes('by scripts/gen-docs.mjs. Do not edit');
}
