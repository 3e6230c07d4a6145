/**
 * The responsibility matrix of a workspace: Microsoft's ten layers × four deployment models, each cell with its
 * owner and, for the service models the workspace uses, the open findings and a score. The score counts controls
 * the way Defender's Secure Score does: one control per (resource, applicable rule); suppressed ones are exempt.
 */
import type { Finding } from '../core/finding';
import type { Resource } from '../model/resource';
import {
  DEPLOYMENT_MODELS,
  LAYERS,
  type DeploymentModel,
  type LayerId,
  type Owner,
  type ServiceModel,
} from '../responsibility/layers';
import { serviceModelOf } from '../responsibility/service-models';
import type { RuleMeta } from '../rules/types';

/** What the matrix reads of a resource (the CLI's reports keep only this much of each). */
export type MatrixResource = Pick<Resource, 'dialect' | 'type' | 'name' | 'file' | 'existing'>;

/** What the matrix needs from one scanned file. */
export interface ScannedFile {
  readonly file: string;
  readonly resources: readonly MatrixResource[];
  readonly findings: readonly Finding[];
}

export interface MatrixCell {
  readonly layer: LayerId;
  readonly model: DeploymentModel;
  readonly owner: Owner;
  /** The workspace has resources of this model (never true for On-premises). */
  readonly inUse: boolean;
  /** Indexes into `Matrix.findings` of the open findings in this cell. */
  readonly findings: readonly number[];
  readonly applicable: number;
  readonly passed: number;
  readonly exempt: number;
}

export interface Matrix {
  readonly models: readonly ServiceModel[];
  readonly cells: readonly MatrixCell[];
  /** Every open (unsuppressed) finding, in file then offset order. */
  readonly findings: readonly Finding[];
  /** Open findings about the template itself (a parameter), not tied to a service model. */
  readonly templateFindings: readonly number[];
  readonly resourceCount: number;
}

/** The model a resource is delivered under; unknown types count as PaaS, as the engine does for ownership. */
export function modelOfResource(resource: Pick<Resource, 'type'>): ServiceModel {
  return serviceModelOf(resource.type)?.model ?? 'PaaS';
}

function rulesFor(resource: MatrixResource, rules: readonly RuleMeta[]): RuleMeta[] {
  const type = resource.type.toLowerCase();
  return rules.filter(
    (r) => r.dialects.includes(resource.dialect) && r.resourceTypes.some((t) => t.toLowerCase() === type),
  );
}

const key = (file: string, type: string, name: string): string => `${file}\u0000${type.toLowerCase()}\u0000${name}`;

export function buildMatrix(files: readonly ScannedFile[], rules: readonly RuleMeta[]): Matrix {
  const findings: Finding[] = [];
  const templateFindings: number[] = [];
  // control id (resource key + rule) → state; a finding marks its control failed or exempt.
  const controls = new Map<string, { layer: LayerId; model: ServiceModel; state: 'passed' | 'failed' | 'exempt' }>();
  const models = new Set<ServiceModel>();
  let resourceCount = 0;
  for (const f of files) {
    for (const r of f.resources) {
      if (r.existing) continue;
      resourceCount++;
      const model = modelOfResource(r);
      models.add(model);
      for (const rule of rulesFor(r, rules))
        controls.set(`${key(r.file, r.type, r.name)}\u0000${rule.id}`, { layer: rule.layer, model, state: 'passed' });
    }
  }
  const ordered = files
    .flatMap((f) => f.findings)
    .sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start);
  for (const finding of ordered) {
    if (!finding.serviceModel) {
      if (!finding.suppressed) templateFindings.push(findings.push(finding) - 1);
      continue;
    }
    models.add(finding.serviceModel);
    const id = `${key(finding.file, finding.resource.type, finding.resource.name)}\u0000${finding.ruleId}`;
    const control = controls.get(id) ?? { layer: finding.layer, model: finding.serviceModel, state: 'passed' as const };
    // Several findings of one rule on one resource are one failed control; any open one fails it.
    const state = finding.suppressed ? (control.state === 'failed' ? 'failed' : 'exempt') : 'failed';
    controls.set(id, { ...control, state });
    if (!finding.suppressed) findings.push(finding);
  }
  const cells: MatrixCell[] = [];
  for (const layer of LAYERS) {
    for (const model of DEPLOYMENT_MODELS) {
      const inUse = model !== 'On-premises' && models.has(model);
      const mine = [...controls.values()].filter((c) => c.layer === layer.id && c.model === model);
      const exempt = mine.filter((c) => c.state === 'exempt').length;
      cells.push({
        layer: layer.id,
        model,
        owner: layer.owners[model],
        inUse,
        findings: findings.flatMap((f, i) => (f.layer === layer.id && f.serviceModel === model ? [i] : [])),
        applicable: mine.length - exempt,
        passed: mine.filter((c) => c.state === 'passed').length,
        exempt,
      });
    }
  }
  const modelOrder = DEPLOYMENT_MODELS.filter((m): m is ServiceModel => m !== 'On-premises' && models.has(m));
  return { models: modelOrder, cells, findings, templateFindings, resourceCount };
}

/** "7/9 (78%)", or undefined when nothing applies. */
export function formatScore(cell: Pick<MatrixCell, 'applicable' | 'passed'>): string | undefined {
  if (cell.applicable === 0) return undefined;
  return `${cell.passed}/${cell.applicable} (${Math.round((cell.passed / cell.applicable) * 100)}%)`;
}
