/**
 * RLENS-UNUSED-SUPPRESSION: a suppression that matched no finding, or that names a rule the catalog does not
 * have. Whether a suppression was used is known only after every other rule ran: `checkDocument` reports the
 * inline ones of a document (`unusedInlineSuppressions`) and returns the `.rlens.yaml` entries the document used
 * (`ScanResult.usedConfigSuppressions`); a front end judges the configuration file once its whole scan is done
 * (`unusedConfigSuppressions`), since an entry may match a finding in any file it covers.
 */
import type { Finding, Severity } from '../core/finding';
import type { Span } from '../core/span';
import type { StringValue } from '../core/value';
import type { AnalyzedDocument } from '../model/document';
import type { Resource } from '../model/resource';
import type { RawFinding, RuleMeta } from '../rules/types';
import { configSuppressionMatches, type ConfigSuppression } from './config';

export const UNUSED_SUPPRESSION_ID = 'RLENS-UNUSED-SUPPRESSION';

/** A raw finding some rule produced in this document (reported or not: unknown values count as uses). */
export interface RuleHit {
  readonly ruleId: string;
  readonly raw: RawFinding;
}

function hitName(hit: RuleHit): { name: string; symbol?: string } {
  const r = hit.raw.resource;
  return { name: r?.name ?? hit.raw.subject?.name ?? '', ...(r?.symbol ? { symbol: r.symbol } : {}) };
}

/** The configuration suppressions that match one of the hits, in their written order. */
export function usedConfigSuppressions(
  config: readonly ConfigSuppression[],
  hits: readonly RuleHit[],
  file: string,
): ConfigSuppression[] {
  return config.filter((c) => hits.some((h) => configSuppressionMatches(c, h.ruleId, hitName(h), file)));
}

/** A zero-width value at the suppression, so the finding shows on the comment or metadata entry itself. */
function at(span: Span): StringValue {
  return { kind: 'string', value: '', span };
}

function within(span: Span | undefined, offset: number): boolean {
  return !span || (offset >= span.start && offset < span.end);
}

/**
 * Inline suppressions (comments, ARM `metadata`) written in this document that name an unknown rule or matched
 * no hit. Suppressions of rules that are switched off are left alone: nothing ran that could have used them.
 */
export function unusedInlineSuppressions(
  doc: AnalyzedDocument,
  hits: readonly RuleHit[],
  known: ReadonlySet<string>,
  off: ReadonlySet<string>,
): RawFinding[] {
  const out: RawFinding[] = [];
  const byResource = new Map<Resource, RuleHit[]>();
  for (const h of hits) {
    if (!h.raw.resource) continue;
    const list = byResource.get(h.raw.resource);
    if (list) list.push(h);
    else byResource.set(h.raw.resource, [h]);
  }
  for (const resource of doc.resources) {
    for (const s of resource.suppressions) {
      // A module's suppressions are judged when the module file itself is scanned, not once per caller.
      if (s.source !== 'inline' || s.file !== doc.file) continue;
      const id = s.ruleId.toUpperCase();
      if (id === UNUSED_SUPPRESSION_ID || off.has(id)) continue;
      if (!known.has(id)) {
        out.push({ resource, messageId: 'unknownRule', data: { rule: s.ruleId }, at: at(s.span) });
        continue;
      }
      const used = (byResource.get(resource) ?? []).some(
        (h) => h.ruleId === id && within(s.within, (h.raw.at?.span ?? resource.anchor).start),
      );
      if (!used) out.push({ resource, messageId: 'unused', data: { rule: id }, at: at(s.span) });
    }
  }
  return out;
}

function fill(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => data[key] ?? m);
}

/**
 * `.rlens.yaml` suppressions that matched nothing in a scan (`used`: the union of the scanned files'
 * `ScanResult.usedConfigSuppressions`) or that name an unknown rule, as findings in the configuration file.
 * `covered` says whether the scan looked at everything a suppression could apply to: a partial scan must not call
 * a suppression for another folder unused.
 */
export function unusedConfigSuppressions(args: {
  readonly rule: RuleMeta;
  readonly configFile: string;
  readonly suppressions: readonly ConfigSuppression[];
  readonly used: ReadonlySet<ConfigSuppression>;
  readonly known: ReadonlySet<string>;
  readonly off: ReadonlySet<string>;
  readonly covered: (c: ConfigSuppression) => boolean;
  readonly severity?: Severity;
}): Finding[] {
  const { rule } = args;
  const out: Finding[] = [];
  for (const c of args.suppressions) {
    const id = c.ruleId.toUpperCase();
    if (id === UNUSED_SUPPRESSION_ID || args.off.has(id)) continue;
    let messageId: string;
    if (!args.known.has(id)) messageId = 'unknownRule';
    else if (!args.used.has(c) && args.covered(c)) messageId = 'configUnused';
    else continue;
    const resource = c.resource ?? '*';
    out.push({
      ruleId: rule.id,
      severity: args.severity ?? rule.severity,
      message: fill(rule.messages[messageId] ?? rule.title, { rule: c.ruleId, resource, file: c.file ?? 'any file' }),
      file: args.configFile,
      span: c.span ?? { start: 0, end: 0 },
      resource: { type: 'suppression', name: resource },
      layer: rule.layer,
      owner: 'customer',
      related: [],
      fixes: [],
    });
  }
  return out;
}
