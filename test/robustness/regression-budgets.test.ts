/**
 * The time half of the regression fixtures' contract (test/engine/regressions.test.ts checks the rest in
 * `npm test`): inputs that once hung or blew up must scan within the fuzzer's budget, 2 s plus 2 s per MB.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScannable } from '../../src/engine';
import { FIXTURES } from '../helpers/fixtures';
import { checkScan, overBudget } from './check';

const DIR = join(FIXTURES, 'regressions');

/** An ARM template whose one variable is a large array of objects, used `uses` times by its resources. */
function bigVariableTemplate(items: number, uses: number): string {
  const big = Array.from({ length: items }, (_, i) => ({
    name: `n${i}`,
    search: { query: `q${i}`, category: 'c', tags: { a: i, b: [1, 2, 3] } },
  }));
  const resources = Array.from({ length: uses }, (_, i) => ({
    type: 'Microsoft.OperationalInsights/workspaces/savedSearches',
    apiVersion: '2020-08-01',
    name: `[concat('ws/', variables('alerts')[copyIndex()].name, '${i}')]`,
    copy: { name: `c${i}`, count: "[length(variables('alerts'))]" },
    properties: {
      query: "[variables('alerts')[copyIndex()].search.query]",
      category: "[variables('alerts')[copyIndex()].search.category]",
    },
  }));
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      variables: { alerts: big },
      resources,
    },
    null,
    2,
  );
}

/** Scans and fails on any broken part of the contract, time included. */
function assertWithinBudget(text: string, file: string, mustError = false): void {
  const { problem, ms } = checkScan(text, file, mustError);
  assert.equal(problem ?? overBudget(ms, text), undefined, file);
}

describe('robustness: regression fixtures within their time budgets', () => {
  for (const name of readdirSync(DIR)
    .filter((f) => f !== 'README.md')
    .sort()) {
    it(name, function () {
      const path = join(DIR, name);
      if (!isScannable(path)) this.skip();
      assertWithinBudget(readFileSync(path, 'utf8'), path, name.includes('.must-error.'));
    });
  }

  it('an ARM variable holding a large array, used many times, is not copied at every use', () => {
    assertWithinBudget(bigVariableTemplate(1500, 300), '/w/big-variable.json');
  });

  it('a suppression comment whose reason holds 60,000 spaces is read in linear time, in Bicep and Terraform', () => {
    const spaces = ' '.repeat(60_000);
    assertWithinBudget(
      `// rlens-disable-next-line STG-TLS -- legacy${spaces}clients [until 2099-01-01]\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n}\n`,
      '/w/main.bicep',
    );
    assertWithinBudget(
      `# rlens-disable-next-line STG-TLS -- legacy${spaces}clients\nresource "azurerm_storage_account" "st" {\n  name = "st"\n}\n`,
      '/w/main.tf',
    );
  });
});
