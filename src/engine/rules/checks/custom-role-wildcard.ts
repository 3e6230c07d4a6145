/**
 * IAM-CUSTOM-STAR: a custom role definition that grants `*` (every action of every provider), every write, or
 * the right to grant roles (`Microsoft.Authorization` wildcards, `roleAssignments/write`), in `actions` and `dataActions`
 * alike, in every permissions entry. `notActions` do not excuse `*`: a custom Contributor is still the broad
 * grant the rule is about. An action list that depends on the deployment is reported only with --report-unknown.
 */
import { lookupAll, stringsOf } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'unknown' | 'wildcard';

const WILDCARDS = new Set([
  '*',
  '*/write',
  'microsoft.authorization/*',
  'microsoft.authorization/*/write',
  'microsoft.authorization/roleassignments/*',
  'microsoft.authorization/roleassignments/write',
]);

const PATHS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  'microsoft.authorization/roledefinitions': [
    ['properties', 'permissions', 'actions'],
    ['properties', 'permissions', 'dataActions'],
  ],
  azurerm_role_definition: [
    ['permissions', 'actions'],
    ['permissions', 'data_actions'],
  ],
};

export function customRoleWildcard(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    const paths = PATHS[resource.type.toLowerCase()];
    if (!paths || resource.existing) continue;
    for (const path of paths) {
      for (const list of lookupAll(resource.body, path)) {
        const { known, unknown } = stringsOf(list);
        for (const action of known) {
          if (WILDCARDS.has(action.value.trim().toLowerCase())) {
            out.push({
              resource,
              messageId: 'wildcard',
              data: { action: action.value, path: path[path.length - 1] ?? '' },
              at: action,
            });
          }
        }
        for (const u of unknown) out.push({ resource, messageId: 'unknown', at: u, unknown: u, severity: 'info' });
      }
    }
  }
  return out;
}

/** IAM-CUSTOM-STAR: the prose is in `catalog/iam-custom-star.yaml`. */
export const iamCustomStarRule = createRule({
  id: 'IAM-CUSTOM-STAR',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: ['Microsoft.Authorization/roleDefinitions', 'azurerm_role_definition'],
  messages: {
    wildcard: "Custom role '{resource}' grants '{action}' in its {path}, which allows far more than any one job needs.",
    unknown: "Whether custom role '{resource}' grants wildcard actions depends on {dependsOn}.",
  },
  check: customRoleWildcard,
});
