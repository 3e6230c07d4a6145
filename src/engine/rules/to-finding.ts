/** Turns what a check reports into a full finding: metadata, ownership, message, related locations, fixes, suppression. */
import type { Finding, Fix, RelatedLocation, Severity } from '../core/finding';
import { isWrittenInPlace, type Value } from '../core/value';
import type { AnalyzedDocument } from '../model/document';
import type { Resource } from '../model/resource';
import { detach, intern } from '../core/detach';
import { ownerOf, DEPLOYMENT_MODELS, type Owner, type ServiceModel } from '../responsibility/layers';
import { FIX_NEEDS_REVIEW } from '../fix/needs-review';
import { serviceModelOf } from '../responsibility/service-models';
import { suppressionFor, type SuppressionContext } from '../suppress/apply';
import type { FixIntent, RawFinding, RuleMeta } from './types';

interface Context extends SuppressionContext {
  readonly severity?: Severity;
}

function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/** Terraform's inputs are "variables" (set in tfvars); ARM's and Bicep's are "parameters" (parameter files). */
function termsOf(doc: AnalyzedDocument): { noun: string; file: (name: string) => string } {
  return doc.format === 'terraform'
    ? { noun: 'variable', file: (name) => `value of '${name}' in the tfvars file` }
    : { noun: 'parameter', file: (name) => `value of '${name}' in the parameter file` };
}

function describeDependsOn(v: Value | undefined, doc: AnalyzedDocument): string {
  if (v?.kind !== 'unknown') return 'a value known only at deployment';
  if (v.dependsOn && v.dependsOn.length > 0) return v.dependsOn.map((d) => `${termsOf(doc).noun} '${d}'`).join(' and ');
  return v.reason;
}

/** Where the value behind a verdict was written, when not at the flagged place. */
function relatedOf(at: Value | undefined, doc: AnalyzedDocument, resource: Resource | undefined): RelatedLocation[] {
  const o = at?.origin;
  if (!o) return [];
  // An origin without a file is in the resource's own file (a module's resource: the module's file).
  const home = resource?.file ?? doc.file;
  if (o.kind === 'parameter') {
    const { noun, file } = termsOf(doc);
    const where =
      o.source === 'parameterFile'
        ? file(o.name)
        : o.source === 'module'
          ? `value the module call passes for ${noun} '${o.name}'`
          : `default value of ${noun} '${o.name}'`;
    return [{ file: o.file ?? home, span: o.span, message: `The value comes from the ${where}.` }];
  }
  if (o.kind === 'variable')
    return [{ file: o.file ?? home, span: o.span, message: `The value comes from variable '${o.name}'.` }];
  return [];
}

function originNote(at: Value | undefined, doc: AnalyzedDocument): string {
  const o = at?.origin;
  if (o?.kind === 'parameter') {
    const terraform = doc.format === 'terraform';
    const noun = termsOf(doc).noun;
    if (o.source === 'module') return ` Value passed for ${noun} '${o.name}' by the module call.`;
    if (o.source === 'parameterFile')
      return terraform
        ? ` Value from the tfvars value of '${o.name}'.`
        : ` Value from the parameter file for '${o.name}'.`;
    return ` Value from the default of ${noun} '${o.name}'.`;
  }
  if (o?.kind === 'variable') return ` Value from variable '${o.name}'.`;
  return '';
}

/**
 * A fix is safe only when its check says so and it rewrites no more than a literal written in place: a value
 * from a parameter or variable is shared by every use, and one an expression chose (a condition's branch) or
 * passed on is logic, whatever the check thinks. Those are offered for review, saying which branch is insecure.
 */
function fixesOf(
  intent: FixIntent | undefined,
  resource: Resource | undefined,
  doc: AnalyzedDocument,
  ruleId: string,
): Fix[] {
  if (!intent || !resource) return [];
  const edits =
    intent.kind === 'replace'
      ? doc.writer.replaceValue(resource, intent.target, intent.value)
      : doc.writer.insertProperty(resource, intent.path, intent.value);
  if (edits.length === 0) return [];
  const notes: string[] = [];
  let safe = intent.safe;
  if (intent.kind === 'replace') {
    const through = intent.target.through;
    if (through)
      notes.push(
        through.branch === undefined
          ? 'the value is chosen by an expression'
          : `the condition's ${String(through.branch)} branch gives the insecure value`,
      );
    if (through || !isWrittenInPlace(intent.target)) safe = false;
  }
  // A fix that changes how the resource behaves for its users is reviewed first (see needs-review.ts).
  const behaviour = FIX_NEEDS_REVIEW[ruleId];
  if (behaviour) {
    notes.push(behaviour);
    safe = false;
  }
  return [{ title: notes.length > 0 ? `${intent.title} (review: ${notes.join('; ')})` : intent.title, safe, edits }];
}

/** The service model and owner; owners agree across models for template-level findings. */
function ownership(rule: RuleMeta, resource: Resource | undefined): { model?: ServiceModel; owner: Owner } {
  const model = resource ? (serviceModelOf(resource.type)?.model ?? 'PaaS') : undefined;
  if (model) return { model, owner: ownerOf(rule.layer, model) };
  const owners = new Set(DEPLOYMENT_MODELS.map((m) => ownerOf(rule.layer, m)));
  return { owner: owners.size === 1 ? ([...owners][0] as Owner) : 'shared' };
}

export function toFinding(rule: RuleMeta, raw: RawFinding, doc: AnalyzedDocument, ctx: Context): Finding | undefined {
  const resource = raw.resource;
  const { model, owner } = ownership(rule, resource);
  // Microsoft-owned cells are not the customer's to fix: never report there.
  if (owner === 'microsoft') return undefined;
  const name = resource?.name ?? raw.subject?.name ?? '';
  const data = { resource: name, dependsOn: describeDependsOn(raw.unknown, doc), ...(raw.data ?? {}) };
  const template = rule.messages[raw.messageId];
  // The loader and the type-checker make this unreachable; a finding must never borrow another message.
  if (template === undefined)
    throw new Error(`${rule.id} reported message '${raw.messageId}', which ${rule.source} does not declare`);
  const span = raw.at ? raw.at.span : (resource?.anchor ?? { start: 0, end: 0 });
  const { suppressed, note } = suppressionFor(rule.id, resource, name, doc.file, span.start, ctx);
  const message = fill(template, data) + originNote(raw.at, doc) + (raw.note ? ` ${raw.note}` : '') + note;
  // Every string that may come from the source text is detached: the finding outlives the text (see detach.ts).
  return {
    ruleId: rule.id,
    severity: ctx.severity ?? raw.severity ?? rule.severity,
    message: detach(message),
    file: resource?.file ?? doc.file,
    span: { start: span.start, end: span.end },
    resource: { type: intern(resource?.type ?? raw.subject?.type ?? ''), name: detach(name) },
    layer: rule.layer,
    ...(model ? { serviceModel: model } : {}),
    owner,
    related: relatedOf(raw.at, doc, resource).map((r) => ({ ...r, message: intern(r.message) })),
    fixes: fixesOf(raw.fix, resource, doc, rule.id).map((f) => ({
      ...f,
      title: intern(f.title),
      edits: f.edits.map((e) => ({ ...e, newText: intern(e.newText) })),
    })),
    ...(raw.unknown ? { unknown: true } : {}),
    ...(suppressed ? { suppressed: { ...suppressed, reason: detach(suppressed.reason) } } : {}),
  };
}
