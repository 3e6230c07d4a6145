/** SARIF 2.1.0 for code-scanning services: rules with help links and properties, results with regions. */
import type { RuleMeta } from '../rules/types';
import { allRules, ruleDocsUrl } from '../rules/registry';
import { layerById } from '../responsibility/layers';
import type { FileReport } from './file-report';
import { findingFingerprints } from './fingerprint';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' } as const;

function toUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/').replace(/^%2F/, '/');
}

function ruleDescriptor(rule: RuleMeta): object {
  return {
    id: rule.id,
    name: rule.id.replace(/-/g, ''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: rule.remediation, markdown: `${rule.remediation}\n\n[Rule documentation](${ruleDocsUrl(rule.id)})` },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', `layer:${rule.layer}`],
      layer: layerById(rule.layer).title,
      mcsb: rule.mcsb,
      policy: rule.policy ?? null,
      'security-severity': SECURITY_SEVERITY[rule.risk],
    },
  };
}

/** The `partialFingerprints` key: the tool's name and the fingerprint scheme's version. */
export const FINGERPRINT_KEY = 'responsibilityLens/v1';

export function toSarif(reports: readonly FileReport[], toolVersion: string): object {
  const rules = allRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) => {
    const fingerprints = findingFingerprints(r.findings.map((x) => x.finding));
    return r.findings.map(({ finding: f, start, end, related }, i) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      // GitHub code scanning keeps an alert open across commits by this key instead of by line.
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] as string },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file) },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        },
      ],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((x, id) => ({
              id,
              message: { text: x.message },
              physicalLocation: {
                artifactLocation: { uri: toUri(x.file) },
                region: { startLine: x.start.line + 1, startColumn: x.start.character + 1, endLine: x.end.line + 1, endColumn: x.end.character + 1 },
              },
            })),
          }
        : {}),
      properties: { layer: f.layer, serviceModel: f.serviceModel ?? null, owner: f.owner, resource: f.resource },
      ...(f.suppressed
        ? { suppressions: [{ kind: f.suppressed.source === 'inline' ? 'inSource' : 'external', justification: f.suppressed.reason, status: 'accepted' }] }
        : {}),
    }));
  });
  const notifications = reports.flatMap((r) =>
    [...r.errors.map((e) => ({ e, level: 'error' })), ...r.notes.map((e) => ({ e, level: 'note' }))].map(({ e, level }) => ({
      level,
      message: { text: e.error.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(e.error.file) }, ...(e.start ? { region: { startLine: e.start.line + 1 } } : {}) } }],
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Responsibility Lens', informationUri: 'https://github.com/responsibility-lens/responsibility-lens', version: toolVersion, rules: rules.map(ruleDescriptor) } },
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}
