/**
 * Markdown explanations of findings and resource types, shared by the hover, "Explain Finding at Cursor" and
 * anything else that explains. Pure: no editor API, so it is unit-tested and usable from the CLI.
 */
import type { Finding } from '../core/finding';
import type { SourceFormat } from '../model/document';
import {
  DEPLOYMENT_MODELS,
  LAYERS,
  layerById,
  type DeploymentModel,
  type LayerId,
  type Owner,
} from '../responsibility/layers';
import { serviceModelOf } from '../responsibility/service-models';
import { allRules, ruleById, ruleDocsUrl } from '../rules/registry';

const OWNER_LABEL: Readonly<Record<Owner, string>> = { customer: 'Customer', shared: 'Shared', microsoft: 'Microsoft' };

/** Markdown code-fence language of each format, for fixes shown in the file's own syntax. */
const FENCE: Readonly<Record<SourceFormat, string>> = { arm: 'json', bicep: 'bicep', terraform: 'terraform' };

export function ownerLabel(owner: Owner): string {
  return OWNER_LABEL[owner];
}

/** Escapes text for Markdown so resource names such as `st_[x]` cannot inject links or emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** The tree's tooltip for a finding: the message escaped like the hover's (a resource named `![t](https://…)` must not render). */
export function findingTooltip(finding: Pick<Finding, 'ruleId' | 'severity' | 'message'>): string {
  return `**${finding.ruleId}** (${finding.severity})\n\n${escapeMarkdown(finding.message)}`;
}

/**
 * One layer's row of Microsoft's table across the four models, as a Markdown table; `highlight` marks the
 * resource's own model so the reader sees where they stand.
 */
export function responsibilityRow(layer: LayerId, highlight?: DeploymentModel): string {
  const l = layerById(layer);
  const head = DEPLOYMENT_MODELS.map((m) => (m === highlight ? `**▶ ${m}**` : m));
  const cells = DEPLOYMENT_MODELS.map((m) =>
    m === highlight ? `**${OWNER_LABEL[l.owners[m]]}**` : OWNER_LABEL[l.owners[m]],
  );
  return [
    `| ${head.join(' | ')} |`,
    `|${DEPLOYMENT_MODELS.map(() => ':---:').join('|')}|`,
    `| ${cells.join(' | ')} |`,
  ].join('\n');
}

/** The text a fix inserts, trimmed of the indentation and line break it was given to fit in the file. */
function fixSnippet(finding: Finding): string | undefined {
  const edit = finding.fixes[0]?.edits.find((e) => e.newText.trim() !== '');
  if (!edit) return undefined;
  const lines = edit.newText
    .replace(/^[,\s]*\r?\n/, '')
    .replace(/^,\s*/, '')
    .split(/\r?\n/);
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
  return lines
    .map((l) => l.slice(indent))
    .join('\n')
    .trim();
}

export interface ExplainOptions {
  /** The file's format, for the fix's code fence and for the remediation in that file's own dialect. */
  readonly format?: SourceFormat;
  /** The full explanation (the Explain command): with the message, the whole rationale and the references. */
  readonly long?: boolean;
  /** One of several findings on a line after the first: header, fix and owner only. */
  readonly compact?: boolean;
}

/**
 * The remediation as it applies to the file's format: rules write the other dialect's attribute in parentheses
 * ("Set minimumTlsVersion to TLS1_2 (azurerm min_tls_version = "TLS1_2")."), which a Bicep or ARM reader must
 * not be told to write. A Terraform file keeps the sentence whole (its attribute is the parenthesis).
 */
export function remediationFor(remediation: string, format: SourceFormat | undefined): string {
  if (format !== 'arm' && format !== 'bicep') return remediation;
  return remediation.replace(/\s*\((?:azurerm|azapi|terraform)\b[^()]*(?:\([^()]*\)[^()]*)*\)/gi, '');
}

/** Findings at one place, the most severe first (then the most specific): the order the hover shows them in. */
export function bySeverity<T extends Pick<Finding, 'severity' | 'span'>>(findings: readonly T[]): T[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...findings].sort(
    (a, b) => rank[a.severity] - rank[b.severity] || a.span.end - a.span.start - (b.span.end - b.span.start),
  );
}

/**
 * Everything a reader needs about one finding, as Markdown, in the order they need it: what to change (in the
 * file's own dialect), whose layer it is and the four-model row, why, the controls, the links. The hover leaves
 * the message out (the editor shows the diagnostic's message right above it); Explain keeps it.
 */
export function explainFinding(finding: Finding, options: ExplainOptions = {}): string {
  const rule = ruleById(finding.ruleId);
  const layer = layerById(finding.layer);
  const out: string[] = [];
  out.push(`**${finding.ruleId}** · ${escapeMarkdown(rule?.title ?? finding.ruleId)} · _${finding.severity}_`);
  if (options.long) out.push(escapeMarkdown(finding.message));
  const snippet = fixSnippet(finding);
  const remediation = rule ? escapeMarkdown(remediationFor(rule.remediation, options.format)) : undefined;
  // A snippet is the fix itself; a Terraform remediation names other dialects too, so the snippet replaces it there.
  const fixText = snippet && options.format === 'terraform' ? undefined : remediation;
  if (fixText) out.push(`**Fix:** ${fixText}`);
  if (snippet) out.push(`\`\`\`${options.format ? FENCE[options.format] : ''}\n${snippet}\n\`\`\``);
  const model = finding.serviceModel;
  const whose =
    finding.owner === 'shared'
      ? 'a **shared** responsibility'
      : `**${OWNER_LABEL[finding.owner].toLowerCase()}** responsibility`;
  out.push(`**Layer:** ${layer.title} — ${whose}${model ? ` for this ${model} resource` : ' in every service model'}.`);
  if (options.compact) return out.join('\n\n');
  out.push(responsibilityRow(finding.layer, model));
  if (rule) out.push(`**Why it matters:** ${escapeMarkdown(rule.rationale)}`);
  const controls: string[] = [];
  if (rule && rule.mcsb.length > 0) controls.push(`MCSB ${rule.mcsb.join(', ')}`);
  if (rule?.policy) controls.push(`Azure Policy: ${escapeMarkdown(rule.policy.name)} (\`${rule.policy.id}\`)`);
  if (controls.length > 0) out.push(controls.join(' · '));
  if (finding.unknown) out.push('_The verdict depends on a value known only at deployment time._');
  if (options.long && rule && rule.references.length > 0) {
    out.push(
      [
        '**References**',
        ...rule.references.map((r) => (/^https?:\/\//.test(r) ? `- <${r}>` : `- ${escapeMarkdown(r)}`)),
      ].join('\n'),
    );
  }
  out.push(`[Rule documentation](${ruleDocsUrl(finding.ruleId)})`);
  return out.join('\n\n');
}

/** Hover text for a resource type string: its service model, and which layers (and rules) are the customer's. */
export function explainResourceType(type: string): string | undefined {
  const entry = serviceModelOf(type);
  if (!entry) return undefined;
  const mine = LAYERS.filter((l) => l.owners[entry.model] !== 'microsoft');
  const microsoft = LAYERS.filter((l) => l.owners[entry.model] === 'microsoft');
  const lower = type.toLowerCase();
  const rules = allRules().filter((r) => r.resourceTypes.some((t) => t.toLowerCase() === lower));
  const out = [
    `**${escapeMarkdown(type)}** — ${escapeMarkdown(entry.title)}, delivered as **${entry.model}**.`,
    `**You own:** ${mine.map((l) => `${l.title}${l.owners[entry.model] === 'shared' ? ' (shared)' : ''}`).join(', ')}.`,
    `**Microsoft secures:** ${microsoft.map((l) => l.title).join(', ') || 'none of the layers: everything is yours'}.`,
  ];
  if (rules.length > 0)
    out.push(`**Checked here:** ${rules.map((r) => `\`${r.id}\` ${escapeMarkdown(r.title)}`).join('; ')}.`);
  return out.join('\n\n');
}
