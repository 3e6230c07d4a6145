/**
 * Every snippet in snippets/ is secure by default: expanded with its placeholder defaults, it scans clean with
 * the whole catalog (customer-managed keys aside, see `isOwnersChoice`). Snippets of a format the engine does not register yet are skipped (ARM always runs).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isScannable, scanText } from '../src/engine';
import { ROOT } from './helpers/fixtures';

interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

/** Expands a snippet as VS Code would when the user accepts every default: `${1:x}` → x, `$0` → nothing. */
export function expandSnippet(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\t/g, '  ')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

/** Each format's snippets, the file name a scan needs, and the context a snippet is inserted into. */
const FORMATS = [
  {
    name: 'arm',
    file: 'snippet.json',
    // ARM snippets are resources, inserted into a template's `resources` array.
    wrap: (s: string) =>
      `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n${s}\n  ]\n}\n`,
  },
  {
    name: 'bicep',
    file: 'snippet.bicep',
    // The symbols the snippets' placeholders name by default, declared as a real file would.
    wrap: (s: string) =>
      [
        'param location string = resourceGroup().location',
        "resource plan 'Microsoft.Web/serverfarms@2023-12-01' existing = {\n  name: 'plan-name'\n}",
        "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' existing = {\n  name: 'nsg-name'\n}",
        "resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {\n  name: 'log-name'\n}",
        s,
        '',
      ].join('\n'),
  },
  { name: 'terraform', file: 'snippet.tf', wrap: (s: string) => `${s}\n` },
] as const;

/**
 * Customer-managed keys are the data owner's call (info, raised to warning only when `.rlens.yaml` requires them),
 * and a snippet cannot name the user's key: those findings are the only ones a secure default may leave.
 */
function isOwnersChoice(f: { readonly ruleId: string; readonly severity: string }): boolean {
  return /-CMK$/.test(f.ruleId) && f.severity === 'info';
}

const KINDS = ['rlens-storage', 'rlens-keyvault', 'rlens-sql', 'rlens-webapp', 'rlens-nsg-rule', 'rlens-aks'];

describe('snippets', () => {
  for (const format of FORMATS) {
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', `${format.name}.json`), 'utf8')) as Record<
      string,
      Snippet
    >;

    describe(format.name, () => {
      it('covers storage, key vault, SQL, web app, NSG rule and AKS', () => {
        assert.deepEqual(
          Object.values(snippets)
            .map((s) => s.prefix)
            .sort(),
          [...KINDS].sort(),
        );
        for (const s of Object.values(snippets)) assert.ok(s.description.startsWith('Secure by default.'), s.prefix);
      });

      for (const [title, snippet] of Object.entries(snippets)) {
        it(`${snippet.prefix} scans clean`, function () {
          const path = `/snippets/${format.file}`;
          // Only formats not registered yet may be skipped; ARM is always registered.
          if (!isScannable(path)) {
            assert.notEqual(format.name, 'arm');
            this.skip();
          }
          const text = format.wrap(expandSnippet(snippet.body));
          const result = scanText(text, path, {});
          assert.ok(result.document, `${title}: not recognised as a ${format.name} file`);
          assert.deepEqual(
            result.errors.map((e) => e.message),
            [],
            `${title}: analysis errors`,
          );
          assert.ok(result.document.resources.length >= 1, `${title}: no resource read`);
          const blocking = result.findings.filter((f) => !isOwnersChoice(f));
          assert.deepEqual(
            blocking.map((f) => `${f.ruleId}: ${f.message}`),
            [],
            `${title}:\n${text}`,
          );
        });
      }
    });
  }
});
