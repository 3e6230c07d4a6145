/** SARIF 2.1.0 for code-scanning services: rules with help links and properties, results with regions. */
import type { RuleMeta } from '../rules/types';
import { allRules, ruleDocsUrl } from '../rules/registry';
import { layerById } from '../responsibility/layers';
import type { FileReport } from './file-report';
import { findingFingerprints } from './fingerprint';
import { jsonChunks, streamed } from './json-stream';

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

/** SARIF results, one finding at a time. */
function* sarifResults(reports: readonly FileReport[], index: ReadonlyMap<string, number>): Generator<object> {
  for (const r of reports) {
    const fingerprints = findingFingerprints(r.findings.map((x) => x.finding));
    for (const [i, { finding: f, start, end, related }] of r.findings.entries()) {
      yield {
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
              region: {
                startLine: start.line + 1,
                startColumn: start.character + 1,
                endLine: end.line + 1,
                endColumn: end.character + 1,
              },
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
                  region: {
                    startLine: x.start.line + 1,
                    startColumn: x.start.character + 1,
                    endLine: x.end.line + 1,
                    endColumn: x.end.character + 1,
                  },
                },
              })),
            }
          : {}),
        properties: { layer: f.layer, serviceModel: f.serviceModel ?? null, owner: f.owner, resource: f.resource },
        ...(f.suppressed
          ? {
              suppressions: [
                {
                  kind: f.suppressed.source === 'inline' ? 'inSource' : 'external',
                  justification: f.suppressed.reason,
                  status: 'accepted',
                },
              ],
            }
          : {}),
      };
    }
  }
}

/** Errors and notes as tool execution notifications. */
function* sarifNotifications(reports: readonly FileReport[]): Generator<object> {
  for (const r of reports) {
    for (const [entries, level] of [
      [r.errors, 'error'],
      [r.notes, 'note'],
    ] as const) {
      for (const e of entries) {
        yield {
          level,
          message: { text: e.error.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(e.error.file) },
                ...(e.start ? { region: { startLine: e.start.line + 1 } } : {}),
              },
            },
          ],
        };
      }
    }
  }
}

function sarifLog(results: unknown, notifications: unknown, toolVersion: string, rules: readonly RuleMeta[]): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Responsibility Lens',
            informationUri: 'https://github.com/responsibility-lens/responsibility-lens',
            version: toolVersion,
            rules: rules.map(ruleDescriptor),
          },
        },
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
}

const ruleIndex = (rules: readonly RuleMeta[]): Map<string, number> => new Map(rules.map((r, i) => [r.id, i]));

/** The SARIF log as one object (small reports, tests). Output of any size goes through `sarifChunks`. */
export function toSarif(reports: readonly FileReport[], toolVersion: string): object {
  const rules = allRules();
  return sarifLog([...sarifResults(reports, ruleIndex(rules))], [...sarifNotifications(reports)], toolVersion, rules);
}

/** The SARIF file's text (with its final newline) in chunks, each result built only when it is written. */
export function* sarifChunks(reports: readonly FileReport[], toolVersion: string): Generator<string> {
  const rules = allRules();
  yield* jsonChunks(
    sarifLog(
      streamed(sarifResults(reports, ruleIndex(rules))),
      streamed(sarifNotifications(reports)),
      toolVersion,
      rules,
    ),
  );
  yield '\n';
}
