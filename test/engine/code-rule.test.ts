import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, scanText } from '../../src/engine';
import { createRule, type LocatedCodeRule } from '../../src/engine/rules/code-rule';
import { RuleLoadError } from '../../src/engine/rules/load';
import type { RawFinding } from '../../src/engine/rules/types';
import { ROOT } from '../helpers/fixtures';

const PROSE = [
  'id: TEST-UNIT',
  'title: Test units report what they declare',
  'severity: warning',
  'risk: low',
  'layer: configurations',
  'mcsb: [GS-4]',
  'rationale: A unit for the loader tests.',
  'remediation: None.',
  'references: [https://example.invalid/]',
  '',
].join('\n');

/** A unit that flags every resource with message `flagged`. */
const unit = createRule({
  id: 'TEST-UNIT',
  dialects: ['arm'],
  resourceTypes: [],
  messages: { flagged: "Resource '{resource}' is flagged." },
  check: (_rule, doc) => doc.resources.map((resource) => ({ resource, messageId: 'flagged' })),
});
const located: LocatedCodeRule = { unit, file: 'test-unit' };

// Type-level cases: `npm run typecheck` compiles this file, and each `@ts-expect-error` fails the type-check
// when the line under it compiles. They prove that a code rule cannot report a message it does not declare.
export const misspelled = createRule({
  id: 'TEST-TYPO',
  dialects: ['arm'],
  resourceTypes: [],
  messages: { open: 'Open.' },
  check: () => [
    {
      // @ts-expect-error 'opne' is not one of this rule's message ids
      messageId: 'opne',
    },
  ],
});

function reportsOpen(): RawFinding<'open'>[] {
  return [];
}
export const missingMessage = createRule({
  id: 'TEST-MISSING',
  dialects: ['arm'],
  resourceTypes: [],
  messages: { closed: 'Closed.' },
  // @ts-expect-error the check reports 'open', which `messages` does not declare
  check: reportsOpen,
});

export const unknownDialect = createRule({
  id: 'TEST-DIALECT',
  // @ts-expect-error 'cloudformation' is not a dialect
  dialects: ['cloudformation'],
  resourceTypes: [],
  messages: { open: 'Open.' },
  check: () => [],
});

describe('code rule units', () => {
  it('joins a unit with its YAML prose by id', () => {
    const [rule] = loadRules([['test-unit.yaml', PROSE]], [located]);
    assert.equal(rule?.title, 'Test units report what they declare');
    assert.deepEqual(rule?.messages, { flagged: "Resource '{resource}' is flagged." });
    assert.deepEqual(rule?.dialects, ['arm']);
    assert.equal(rule?.code, 'test-unit');
    const catalog = rule ? [rule] : [];
    const result = scanText(
      '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"st"}]}',
      'main.json',
      { catalog },
    );
    assert.deepEqual(
      result.findings.map((f) => f.message),
      ["Resource 'st' is flagged."],
    );
  });

  for (const key of ['messages', 'dialects', 'resourceTypes', 'options', 'checks', 'code']) {
    it(`rejects '${key}' in the YAML of a code rule, naming the rule and both files`, () => {
      const yaml = `${PROSE}${key}: ${key === 'checks' || key === 'dialects' || key === 'resourceTypes' ? '[arm]' : key === 'code' ? 'test-unit' : '{ a: b }'}\n`;
      assert.throws(
        () => loadRules([['test-unit.yaml', yaml]], [located]),
        (e: unknown) =>
          e instanceof RuleLoadError &&
          e.file === 'test-unit.yaml' &&
          e.line === 10 &&
          e.message.includes(
            `TEST-UNIT: '${key}' is declared by its code unit in src/engine/rules/checks/test-unit.ts`,
          ),
      );
    });
  }

  it('rejects a unit whose id has no rule file, and a rule file with neither checks nor a unit', () => {
    assert.throws(
      () => loadRules([], [located]),
      /checks\/test-unit\.ts:1: code rule 'TEST-UNIT' has no 'meta': .*catalog\/test-unit\.yaml/,
    );
    assert.throws(
      () => loadRules([['test-unit.yaml', PROSE]], []),
      /test-unit\.yaml:1: TEST-UNIT: a rule needs 'checks', or a code unit/,
    );
  });

  const meta = {
    title: 'Test units carry their own prose',
    severity: 'warning',
    risk: 'low',
    layer: 'configurations',
    mcsb: ['GS-4'],
    policy: { name: 'A test policy', id: '00000000-0000-0000-0000-000000000000' },
    rationale: 'A unit with meta is one file.',
    remediation: 'None.',
    references: ['https://example.invalid/'],
  } as const;
  const withMeta: LocatedCodeRule = { unit: createRule({ ...unit, meta }), file: 'test-unit' };

  it('loads a unit that carries its prose in meta, with every field, and no YAML file', () => {
    const [rule, ...rest] = loadRules([], [withMeta]);
    assert.deepEqual(rest, []);
    assert.deepEqual(
      { ...rule, check: typeof rule?.check },
      {
        id: 'TEST-UNIT',
        ...meta,
        messages: { flagged: "Resource '{resource}' is flagged." },
        resourceTypes: [],
        dialects: ['arm'],
        checks: [],
        code: 'test-unit',
        check: 'function',
        source: 'src/engine/rules/checks/test-unit.ts',
      },
    );
  });

  it('rejects a unit with meta and a YAML file too, naming both files', () => {
    assert.throws(
      () => loadRules([['test-unit.yaml', PROSE]], [withMeta]),
      (e: unknown) =>
        e instanceof RuleLoadError &&
        e.file === 'test-unit.yaml' &&
        e.message.includes(
          "TEST-UNIT: the rule's prose is declared twice, in test-unit.yaml and in the 'meta' of src/engine/rules/checks/test-unit.ts",
        ),
    );
  });

  it('validates meta as it validates a rule file, naming the unit', () => {
    const load = (bad: object) => () =>
      loadRules([], [{ unit: { ...withMeta.unit, meta: { ...meta, ...bad } }, file: 'test-unit' }]);
    assert.throws(load({ severity: 'fatal' }), /src\/engine\/rules\/checks\/test-unit\.ts:1: severity must be one of/);
    assert.throws(load({ layer: 'roof' }), /test-unit\.ts:1: unknown layer 'roof'/);
    assert.throws(load({ title: ' ' }), /test-unit\.ts:1: 'title' must be a non-empty string/);
    assert.throws(load({ references: 'https://example.invalid/' }), /'references' must be a list of strings/);
    assert.throws(load({ sevrity: 'info' }), /test-unit\.ts:1: unknown key 'sevrity'/);
    assert.throws(load({ messages: { a: 'b' } }), /'messages' is declared by its code unit/);
  });

  it('rejects two units with one id', () => {
    assert.throws(
      () => loadRules([['test-unit.yaml', PROSE]], [located, { unit, file: 'other' }]),
      /duplicate code rule 'TEST-UNIT' \(also in src\/engine\/rules\/checks\/test-unit\.ts\)/,
    );
  });

  it('rejects a dialect the engine does not know, even when a cast got it past the type-checker', () => {
    const bad = { unit: { ...unit, dialects: ['cloudformation'] }, file: 'test-unit' } as unknown as LocatedCodeRule;
    assert.throws(
      () => loadRules([['test-unit.yaml', PROSE]], [bad]),
      /TEST-UNIT: unknown dialect 'cloudformation' in its code unit in src\/engine\/rules\/checks\/test-unit\.ts/,
    );
  });

  it('fails a finding whose message id the rule does not declare instead of borrowing another message', () => {
    const liar = createRule({
      ...unit,
      check: (_rule, doc) => doc.resources.map((resource) => ({ resource, messageId: 'other' as 'flagged' })),
    });
    const [rule] = loadRules([['test-unit.yaml', PROSE]], [{ unit: liar, file: 'test-unit' }]);
    const result = scanText(
      '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"st"}]}',
      'main.json',
      { catalog: rule ? [rule] : [] },
    );
    assert.deepEqual(result.findings, []);
    assert.match(
      result.errors[0]?.message ?? '',
      /TEST-UNIT reported message 'other', which test-unit\.yaml does not declare/,
    );
  });
});

describe('data rule messages', () => {
  const stgTls = readFileSync(join(ROOT, 'src', 'engine', 'rules', 'catalog', 'stg-tls.yaml'), 'utf8');

  it('requires a message for each outcome its checks report', () => {
    const withoutUnknown = stgTls.replace(/^ {2}unknown: .*\n/m, '');
    assert.notEqual(withoutUnknown, stgTls);
    assert.throws(
      () => loadRules([['stg-tls.yaml', withoutUnknown]], []),
      /STG-TLS: message 'unknown' is missing \(its checks report it\)/,
    );
  });

  it('rejects a message no check reports (a typo or a leftover)', () => {
    const typo = stgTls.replace(/^ {2}unknown: /m, '  unknwon: ');
    assert.throws(
      () => loadRules([['stg-tls.yaml', typo]], []),
      /STG-TLS: message 'unknown' is missing|message 'unknwon' is never reported/,
    );
  });

  it('points older rule files at where a moved key lives now', () => {
    assert.throws(
      () => loadRules([['stg-tls.yaml', `${stgTls}code: nsg-open-port\n`]], []),
      /STG-TLS: 'code' is not a rule file key: a code rule is found by its id/,
    );
  });
});
