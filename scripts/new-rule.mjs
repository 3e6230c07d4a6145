// Scaffolds a rule: npm run new-rule -- ID [--code] [--arm-type TYPE] [--azurerm-type TYPE] [--dialects arm,bicep,...]
//   writes  src/engine/rules/catalog/<id>.yaml           a data rule: its prose, messages and checks
//           src/engine/rules/checks/<id>.ts              with --code instead: the typed unit (createRule), its
//                                                        prose in \`meta\` and its check; one file, no YAML
//           test/fixtures/rules/<ID>/<dialect>/insecure.*  a resource to flag, marked `expect: ID`, per dialect
//           test/fixtures/rules/<ID>/<dialect>/secure.*    the same resource written securely
//           CHANGELOG.md                                   a line under Unreleased / Added
//   then regenerates the registries and docs/rules/<ID>.md, and prints what is left to fill in. Every placeholder
//   says TODO: `npm test` fails (naming the file) while one is left.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ALL_DIALECTS = ['arm', 'bicep', 'azapi', 'azurerm'];
const EXT = { arm: 'json', bicep: 'bicep', azapi: 'tf', azurerm: 'tf' };

function fail(message) {
  console.error(`new-rule: ${message}`);
  console.error(
    'usage: npm run new-rule -- ID [--code] [--arm-type Microsoft.X/y] [--azurerm-type azurerm_x] [--dialects arm,bicep,azapi,azurerm]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const args = { code: false, armType: 'Microsoft.TODO/things', azurermType: 'azurerm_TODO', dialects: ALL_DIALECTS };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? fail(`${a} needs a value`);
    if (a === '--code') args.code = true;
    else if (a === '--arm-type') args.armType = value();
    else if (a === '--azurerm-type') args.azurermType = value();
    else if (a === '--dialects')
      args.dialects = value()
        .split(',')
        .map((d) => d.trim());
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1) fail('give exactly one rule id');
  args.id = rest[0];
  if (!/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(args.id))
    fail(`'${args.id}' must look like AREA-NAME in capitals (e.g. STG-TLS)`);
  for (const d of args.dialects)
    if (!ALL_DIALECTS.includes(d)) fail(`unknown dialect '${d}' (one of ${ALL_DIALECTS.join(', ')})`);
  if (!/^[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z/]+$/.test(args.armType))
    fail(`'${args.armType}' is not an ARM resource type (Microsoft.Provider/type)`);
  if (!/^azurerm_\w+$/.test(args.azurermType)) fail(`'${args.azurermType}' is not an azurerm resource type`);
  return args;
}

const args = parseArgs(process.argv.slice(2));
const { id, armType, azurermType } = args;
const lower = id.toLowerCase();
const armDialects = args.dialects.filter((d) => d !== 'azurerm');
const yamlFile = join(root, 'src', 'engine', 'rules', 'catalog', `${lower}.yaml`);
const unitFile = join(root, 'src', 'engine', 'rules', 'checks', `${lower}.ts`);
const fixtureDir = join(root, 'test', 'fixtures', 'rules', id);
for (const f of [yamlFile, fixtureDir, unitFile]) if (existsSync(f)) fail(`${f.slice(root.length + 1)} exists already`);

const prose = [
  `id: ${id}`,
  '# TODO: plural subject, present tense, no period, like the others ("Storage accounts require TLS 1.2 or newer").',
  'title: TODO Resources state what is secure',
  '# TODO: error, warning or info; risk critical, high, medium or low; the layer (src/engine/responsibility/layers.ts).',
  'severity: warning',
  'risk: medium',
  'layer: configurations',
  '# TODO: Microsoft cloud security benchmark controls; the Azure Policy built-in, when there is one.',
  'mcsb: [TODO]',
  'policy: { name: TODO name of the built-in policy, id: 00000000-0000-0000-0000-000000000000 }',
  'rationale: >-',
  '  TODO in your own words: what goes wrong, who owns the setting under each service model, and the documented',
  '  default when the property is absent.',
  'remediation: TODO what to set, in each dialect.',
  'references:',
  '  - TODO the primary source of any absent-value default (REST API spec, Bicep types, azurerm schema)',
];
/** A fix is optional; one that is offered needs fixed.* fixtures, which only the author can write. */
const FIX_HINT = '    # fix: true   (the secure value a fix writes; then add fixed.* fixtures)';
const dataPart = [
  'messages:',
  `  insecure: "TODO '{resource}' sets {path} to {value}."`,
  `  absent: "TODO '{resource}' does not set {path}."`,
  `  unknown: "TODO whether '{resource}' is secure depends on {dependsOn}."`,
  'checks:',
  ...(armDialects.length > 0
    ? [
        `  - dialects: [${armDialects.join(', ')}]`,
        `    type: ${armType}`,
        '    path: properties.TODO',
        '    secure: [true]',
        '    absent: insecure',
        FIX_HINT,
      ]
    : []),
  ...(args.dialects.includes('azurerm')
    ? [
        '  - dialects: [azurerm]',
        `    type: ${azurermType}`,
        '    path: TODO',
        '    secure: [true]',
        '    absent: insecure',
        FIX_HINT,
      ]
    : []),
];
if (!args.code) writeFileSync(yamlFile, [...prose, ...dataPart, ''].join('\n'));

if (args.code) {
  const name = lower.replace(/-(.)/g, (_, c) => c.toUpperCase());
  writeFileSync(
    unitFile,
    `/**
 * ${id}: TODO what the check reports and why data cannot say it.
 */
import { getProperty } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import { createRule } from '../code-rule';
import type { RawFinding, RuleMeta } from '../types';

/** The message ids the check reports; the unit below declares a message for each. */
type MessageId = 'insecure';

const TYPES = [${[...(armDialects.length > 0 ? [armType] : []), ...(args.dialects.includes('azurerm') ? [azurermType] : [])].map((t) => `'${t}'`).join(', ')}];

function ${name}(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing || !TYPES.some((t) => t.toLowerCase() === resource.type.toLowerCase())) continue;
    // TODO: judge the resource; report where the insecure value is written (\`at\`).
    const value = getProperty(resource.body, 'TODO')?.value;
    if (value?.kind === 'boolean' && !value.value) out.push({ resource, messageId: 'insecure', at: value });
  }
  return out;
}

export const ${name}Rule = createRule({
  id: '${id}',
  meta: {
    // TODO: plural subject, present tense, no period, like the others ("Storage accounts require TLS 1.2 or newer").
    title: 'TODO Resources state what is secure',
    // TODO: error, warning or info; risk critical, high, medium or low; the layer (src/engine/responsibility/layers.ts).
    severity: 'warning',
    risk: 'medium',
    layer: 'configurations',
    // TODO: Microsoft cloud security benchmark controls; the Azure Policy built-in, when there is one.
    mcsb: ['TODO'],
    policy: { name: 'TODO name of the built-in policy', id: '00000000-0000-0000-0000-000000000000' },
    rationale:
      'TODO in your own words: what goes wrong, who owns the setting under each service model, and the documented default when the property is absent.',
    remediation: 'TODO what to set, in each dialect.',
    references: ['TODO the primary source of any absent-value default (REST API spec, Bicep types, azurerm schema)'],
  },
  dialects: [${args.dialects.map((d) => `'${d}'`).join(', ')}],
  resourceTypes: TYPES,
  messages: {
    insecure: "TODO '{resource}' is insecure.",
  },
  check: ${name},
});
`,
  );
}

const marker = (d) => (d === 'azurerm' || d === 'azapi' ? `# expect: ${id}` : `// expect: ${id}`);
const armName = armType.split('/').pop();
function fixture(d, secure) {
  const value = secure ? 'true' : 'false';
  const mark = secure ? '' : ` ${marker(d)}`;
  const note = secure
    ? 'the same resource, written securely: it must stay clean'
    : `each line the rule flags carries \`expect: ${id}\``;
  if (d === 'arm') {
    return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // TODO: ${note}.
  "resources": [
    {
      "type": "${armType}",
      "apiVersion": "TODO-api-version",
      "name": "example",
      "location": "westeurope",
      "properties": {
        "TODO": ${value}${mark}
      }
    }
  ]
}
`;
  }
  if (d === 'bicep') {
    return `// TODO: ${note}.
resource example '${armType}@TODO-api-version' = {
  name: 'example'
  location: 'westeurope'
  properties: {
    TODO: ${value}${mark}
  }
}
`;
  }
  if (d === 'azapi') {
    return `# TODO: ${note}.
variable "parent_id" {
  type = string
}

resource "azapi_resource" "${armName.toLowerCase()}" {
  type      = "${armType}@TODO-api-version"
  name      = "example"
  parent_id = var.parent_id
  location  = "westeurope"
  body = {
    properties = {
      TODO = ${value}${mark}
    }
  }
}
`;
  }
  return `# TODO: ${note}.
resource "${azurermType}" "example" {
  name                = "example"
  resource_group_name = "rg-example"
  location            = "westeurope"
  TODO                = ${value}${mark}
}
`;
}
for (const d of args.dialects) {
  mkdirSync(join(fixtureDir, d), { recursive: true });
  writeFileSync(join(fixtureDir, d, `insecure.${EXT[d]}`), fixture(d, false));
  writeFileSync(join(fixtureDir, d, `secure.${EXT[d]}`), fixture(d, true));
}

const changelog = join(root, 'CHANGELOG.md');
const text = readFileSync(changelog, 'utf8');
const added = /## Unreleased\n+### Added\n/.exec(text);
if (added) {
  const at = added.index + added[0].length;
  writeFileSync(
    changelog,
    `${text.slice(0, at)}- ${id}: TODO what it reports, in which dialects (corpus counts once read).\n${text.slice(at)}`,
  );
}

execFileSync(process.execPath, [join(root, 'scripts', 'gen-registries.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts', 'gen-docs.mjs')], { stdio: 'inherit' });

const rel = (f) => f.slice(root.length + 1);
console.log(`
Scaffolded ${id} (${args.code ? 'code rule' : 'data rule'}). Left to fill in (each placeholder says TODO; npm test
fails, naming the file, until none is left):
  1. ${rel(args.code ? unitFile : yamlFile)}: ${args.code ? 'meta: ' : ''}title, severity, risk, layer, mcsb, policy (or remove it), rationale, remediation,
     references${
       args.code
         ? ''
         : `; messages; checks (type, path, secure or insecure values, absent default, fix;
     one block may name several types with \`types: [...]\` and paths with \`paths: [...]\`)`
     }.${
       args.code
         ? `
  2. ${rel(unitFile)}: the check, its message ids (MessageId) and messages, resource types, dialects.`
         : ''
     }
  ${args.code ? 3 : 2}. ${rel(fixtureDir)}/<dialect>/: insecure (mark each flagged line \`expect: ${id}\`), secure, and
     fixed.* when the rule offers a fix (the insecure file after the fix; it must re-scan clean).
  ${args.code ? 4 : 3}. Every resource type needs a service model (src/engine/responsibility/service-models.ts).
  ${args.code ? 5 : 4}. CHANGELOG.md: the line naming ${id} under Unreleased.
Then run: npm run docs && npm test`);
