/** The Bicep parser, construct by construct, with exact spans. */
import assert from 'node:assert/strict';
import {
  parseBicep,
  walk,
  type Expression,
  type Node,
  type Program,
  type Statement,
} from '../../src/engine/formats/bicep';

function parse(text: string): Program {
  const { program, diagnostics } = parseBicep(text);
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    [],
    `diagnostics for:\n${text}`,
  );
  return program;
}

function only(text: string): Statement {
  const statements = parse(text).statements;
  assert.equal(statements.length, 1);
  return statements[0]!;
}

/** The source text of a node. */
const src = (text: string, n: Node): string => text.slice(n.span.start, n.span.end);

function valueOf(text: string): Expression {
  const s = only(`var v = ${text}`);
  assert.equal(s.kind, 'var');
  return s.kind === 'var' ? s.value : (undefined as never);
}

/** Every node of `kind` in the tree, as source text. */
function all(text: string, kind: Node['kind']): string[] {
  const out: string[] = [];
  walk(parseBicep(text).program, (n) => {
    if (n.kind === kind) out.push(src(text, n));
  });
  return out;
}

describe('Bicep parser: declarations', () => {
  it('param with type, default, nullable type, decorators and resource type', () => {
    const text =
      "@secure()\n@description('pw')\nparam pw string = 'x'\nparam opt int?\nparam st resource 'Microsoft.Storage/storageAccounts@2023-01-01'\n";
    const [pw, opt, st] = parse(text).statements;
    assert.equal(pw?.kind, 'param');
    if (pw?.kind !== 'param' || opt?.kind !== 'param' || st?.kind !== 'param') return;
    assert.equal(src(text, pw), "@secure()\n@description('pw')\nparam pw string = 'x'");
    assert.deepEqual(
      pw.decorators.map((d) => src(text, d)),
      ['@secure()', "@description('pw')"],
    );
    assert.equal(pw.value && src(text, pw.value), "'x'");
    assert.equal(opt.type?.kind, 'nullableType');
    assert.equal(st.type?.kind, 'resourceType');
  });

  it('resource: existing, condition, loop with index, nested child, parent and ::', () => {
    const text = [
      "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {",
      "  name: 'x'",
      "  resource blob 'blobServices' = {",
      "    name: 'default'",
      '  }',
      '}',
      "resource c 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = if (deploy) {",
      '  parent: sa::blob',
      "  name: 'c'",
      '}',
      "resource l 'Microsoft.Network/publicIPAddresses@2023-01-01' = [for (n, i) in names: if (i > 0) {",
      '  name: n',
      '}]',
    ].join('\n');
    const [sa, c, l] = parse(text).statements;
    if (sa?.kind !== 'resource' || c?.kind !== 'resource' || l?.kind !== 'resource') return assert.fail('resources');
    assert.equal(sa.existing, true);
    assert.equal(sa.value.kind, 'object');
    const nested = sa.value.kind === 'object' ? sa.value.members.find((m) => m.kind === 'resource') : undefined;
    assert.equal(nested && src(text, nested), "resource blob 'blobServices' = {\n    name: 'default'\n  }");
    assert.equal(c.value.kind, 'if');
    assert.deepEqual(all(text, 'resourceAccess'), ['sa::blob']);
    assert.equal(l.value.kind, 'for');
    if (l.value.kind !== 'for') return;
    assert.equal(l.value.item?.name, 'n');
    assert.equal(l.value.index?.name, 'i');
    assert.equal(l.value.body.kind, 'if');
    assert.equal(src(text, l.value), '[for (n, i) in names: if (i > 0) {\n  name: n\n}]');
  });

  it('module, output (also resource-typed), metadata, targetScope, func, assert, test', () => {
    const text = [
      "targetScope = 'subscription'",
      "metadata author = 'me'",
      "module m './mod.bicep' = {",
      "  name: 'm'",
      '}',
      "output o string = 'x'",
      'output r resource = sa',
      "func greet(name string) string => 'hi ${name}'",
      'assert ok = length(x) > 0',
      "test t './main.bicep' = {",
      '  params: {}',
      '}',
    ].join('\n');
    const kinds = parse(text).statements.map((s) => s.kind);
    assert.deepEqual(kinds, ['targetScope', 'metadata', 'module', 'output', 'output', 'func', 'assert', 'test']);
    const func = parse(text).statements[5];
    if (func?.kind !== 'func' || func.lambda.kind !== 'lambda') return assert.fail('func');
    assert.equal(func.lambda.parameters[0]?.type?.kind, 'typeRef');
    assert.equal(func.lambda.returnType?.kind, 'typeRef');
  });

  it('import (named, aliased, multi-line, wildcard) and extension (with, as)', () => {
    const text = [
      "import { a, b as c } from './x.bicep'",
      'import {',
      '  d',
      '  e as f',
      "} from './y.bicep'",
      "import * as ns from './z.bicep'",
      'extension az',
      "extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph",
      'extension kubernetes with {',
      "  namespace: 'default'",
      '} as k8s',
    ].join('\n');
    const [i1, i2, i3, e1, e2, e3] = parse(text).statements;
    if (i1?.kind !== 'import' || i2?.kind !== 'import' || i3?.kind !== 'import') return assert.fail('imports');
    assert.deepEqual(
      i1.symbols?.map((s) => src(text, s)),
      ['a', 'b as c'],
    );
    assert.deepEqual(
      i2.symbols?.map((s) => src(text, s)),
      ['d', 'e as f'],
    );
    assert.equal(i3.wildcardAlias && src(text, i3.wildcardAlias), 'ns');
    if (e1?.kind !== 'extension' || e2?.kind !== 'extension' || e3?.kind !== 'extension')
      return assert.fail('extensions');
    assert.equal(src(text, e1.specification), 'az');
    assert.equal(e2.alias && src(text, e2.alias), 'graph');
    assert.equal(e3.config?.kind, 'object');
    assert.equal(e3.alias && src(text, e3.alias), 'k8s');
  });

  it('types: unions with a leading |, object types with *:, tuples, arrays, literals, resourceInput', () => {
    const text = [
      "type u = | 'a' | 'b'",
      'type multi =',
      "  | 'x'",
      "  | 'y'",
      'type o = {',
      "  @description('n')",
      '  name: string',
      '  *: int',
      '}',
      "type t = [string, @description('i')",
      ' int]',
      'type arr = string[]',
      'type lit = -1 | true | null',
      "type props = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties",
      "type items = resourceOutput<'Microsoft.Network/virtualNetworks@2023-01-01'>.properties.subnets[*]",
      'var typed object = {}',
    ].join('\n');
    const statements = parse(text).statements;
    const values = statements.map((s) => (s.kind === 'type' ? s.value.kind : s.kind));
    assert.deepEqual(values, [
      'unionType',
      'unionType',
      'objectType',
      'tupleType',
      'arrayType',
      'unionType',
      'typeAccess',
      'typeAccess',
      'var',
    ]);
    const o = statements[2];
    if (o?.kind !== 'type' || o.value.kind !== 'objectType') return assert.fail('object type');
    assert.deepEqual(
      o.value.members.map((m) => src(text, m)),
      ["@description('n')\n  name: string", '*: int'],
    );
  });

  it('.bicepparam: using (also with and none), extends, param assignments, extensionConfig', () => {
    const text = [
      "using './main.bicep'",
      "extends './shared.bicepparam'",
      "param name = 'x'",
      "var v = 'y'",
      'extensionConfig k8s with {',
      "  namespace: 'n'",
      '}',
    ].join('\n');
    const statements = parse(text).statements;
    assert.deepEqual(
      statements.map((s) => s.kind),
      ['using', 'extends', 'param', 'var', 'extensionConfig'],
    );
    assert.equal(only('using none').kind, 'using');
    const w = only("using 'main.bicep' with {\n  mode: 'stack'\n}");
    assert.equal(w.kind === 'using' && w.config?.kind, 'object');
  });
});

describe('Bicep parser: expressions', () => {
  it("strings: escapes, interpolation, nested interpolation, multi-line, $''' and $$'''", () => {
    const s = valueOf("'a\\'b\\n\\u{1F600}\\$'");
    assert.equal(s.kind === 'string' && s.segments[0], "a'b\n\u{1F600}$");
    const i = valueOf("'x${a}y${'in${b}'}z'");
    if (i.kind !== 'string') return assert.fail('string');
    assert.deepEqual(i.segments, ['x', 'y', 'z']);
    assert.equal(i.expressions[1]?.kind, 'string');
    const m = valueOf("'''\nline1\n  it's\n'''");
    assert.equal(m.kind === 'string' && m.segments[0], "line1\n  it's\n");
    const d = valueOf("$'''\n${a} and ${b}\n'''");
    assert.equal(d.kind === 'string' && d.expressions.length, 2);
    const dd = valueOf("$$'''${literal} $${real}'''");
    if (dd.kind !== 'string') return assert.fail('string');
    assert.deepEqual(dd.segments, ['${literal} ', '']);
    assert.equal(dd.expressions[0]?.kind, 'identifier');
  });

  it('objects and arrays separated by line breaks or commas, with spread', () => {
    const o = valueOf("{ a: 1, 'b-c': 2,\n  d: [1, 2\n    3]\n  ...rest\n}");
    if (o.kind !== 'object') return assert.fail('object');
    assert.deepEqual(
      o.members.map((m) => (m.kind === 'property' ? m.name : m.kind)),
      ['a', 'b-c', 'd', 'spread'],
    );
    const d = o.members[2];
    assert.equal(d?.kind === 'property' && d.value.kind === 'array' && d.value.items.length, 3);
    const a = valueOf('[\n  ...xs\n  1\n]');
    assert.equal(a.kind === 'array' && a.items[0]?.kind, 'spread');
  });

  it('operators with Bicep precedence: ternary < ?? < || < && < == < < < + < *', () => {
    const e = valueOf('a ?? b || c && d == e < f + g * h ? 1 : 2');
    assert.equal(e.kind, 'ternary');
    if (e.kind !== 'ternary' || e.condition.kind !== 'binary') return assert.fail('shape');
    assert.equal(e.condition.operator, '??');
    assert.equal(e.condition.right.kind === 'binary' && e.condition.right.operator, '||');
    assert.deepEqual(all('var v = a =~ b && c !~ d', 'binary').length, 3);
    const u = valueOf('!-x');
    assert.equal(u.kind === 'unary' && u.operand.kind, 'unary');
  });

  it('member access: .x, .?x, [i], [?i], [^i], [?^i], !, namespaced and instance calls', () => {
    const text = 'var v = az.resourceGroup().properties.?tags[?0][^1][?^2].x!.toLower()';
    const kinds: string[] = [];
    walk(parse(text), (n) => {
      if (['member', 'index', 'call', 'nonNull'].includes(n.kind)) kinds.push(n.kind);
    });
    assert.deepEqual(kinds, ['call', 'nonNull', 'member', 'index', 'index', 'index', 'member', 'member', 'call']);
    const idx: [boolean, boolean][] = [];
    walk(parse(text), (n) => {
      if (n.kind === 'index') idx.push([n.safe, n.fromEnd]);
    });
    assert.deepEqual(idx, [
      [true, true],
      [false, true],
      [true, false],
    ]);
  });

  it('lambdas with one, several and no parameters; for with index; multi-line calls', () => {
    assert.equal(valueOf('map(xs, x => x.name)').kind, 'call');
    assert.deepEqual(all('var v = reduce(xs, 0, (acc, x) => acc + x)', 'lambda'), ['(acc, x) => acc + x']);
    assert.deepEqual(all('var v = () => 1', 'lambda'), ['() => 1']);
    const f = valueOf('[for (x, i) in xs: {\n  n: i\n}]');
    assert.equal(f.kind === 'for' && f.index?.name, 'i');
    const c = valueOf("concat(\n  'a',\n  'b'\n)");
    assert.equal(c.kind === 'call' && c.args.length, 2);
  });

  it('keeps exact UTF-16 spans with a BOM, CRLF and non-BMP characters', () => {
    const text = "\uFEFFvar a = '\u{1F600}'\r\nvar b = {\r\n  k: 'v'\r\n}\r\n";
    const props: string[] = [];
    walk(parse(text), (n) => {
      if (n.kind === 'property') props.push(`${n.span.start}-${n.span.end}:${src(text, n)}`);
    });
    const at = text.indexOf("k: 'v'");
    assert.deepEqual(props, [`${at}-${at + 6}:k: 'v'`]);
  });

  it('collects comments and #disable-next-line directives', () => {
    const text = '// one\n#disable-next-line BCP081 no-unused\n/* two */ var x = 1\n';
    const { comments } = parse(text);
    assert.deepEqual(
      comments.map((c) => [c.kind, c.text]),
      [
        ['line', ' one'],
        ['directive', 'disable-next-line BCP081 no-unused'],
        ['block', ' two '],
      ],
    );
  });
});

describe('Bicep parser: damaged input', () => {
  it('never throws and reports diagnostics with spans inside the text', () => {
    const samples = [
      "resource x 'T' = {\n  a: \n  b: 'ok'\n",
      "var x = '${",
      'param = = =',
      '@',
      "var s = '''",
      '}}}]]])))',
      'var x = [for',
      'func f(',
      'type t = |',
    ];
    for (const text of samples) {
      const { diagnostics } = parseBicep(text);
      assert.ok(diagnostics.length > 0, text);
      for (const d of diagnostics)
        assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, text);
    }
  });

  it('a value not yet typed costs only its own property', () => {
    const text = "resource x 'T@1' = {\n  name: \n  location: 'here'\n  properties: {\n    a: 1\n  }\n}\n";
    const names: string[] = [];
    walk(parseBicep(text).program, (n) => {
      if (n.kind === 'property' && n.value.kind !== 'error') names.push(`${n.name}@${n.span.start}`);
    });
    assert.deepEqual(names, [
      `location@${text.indexOf('location')}`,
      `properties@${text.indexOf('properties')}`,
      `a@${text.indexOf('a: 1')}`,
    ]);
  });

  it('an unclosed { just typed ends at the next line of its indentation', () => {
    const text = 'var a = {\n  b: {\n  c: 1\n}\nvar d = 2\n';
    const { program, diagnostics } = parseBicep(text);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(
      program.statements.map((s) => s.kind),
      ['var', 'var'],
    );
    assert.deepEqual(all(text, 'property'), ['b: {', 'c: 1']);
  });

  it('layout recovery measures indentation alike with \\n, \\r\\n and lone \\r line breaks', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['var a = {', '  b: {', '  c: 1', '}', 'var d = 2', ''].join(eol);
      const { program, diagnostics } = parseBicep(text);
      assert.equal(diagnostics.length, 1, JSON.stringify(eol));
      assert.deepEqual(
        program.statements.map((s) => s.kind),
        ['var', 'var'],
        JSON.stringify(eol),
      );
    }
  });

  it('nesting 10,000 deep is an error, not a stack overflow, and the next line still parses', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['(', ')'],
      ['{a:', '}'],
    ] as const) {
      const text = `var x = ${open.repeat(10_000)}1${close.repeat(10_000)}\nvar y = 2\n`;
      const { program, diagnostics } = parseBicep(text);
      assert.ok(
        diagnostics.some((d) => /too deep/.test(d.message)),
        open,
      );
      assert.equal(program.statements.at(-1)?.kind, 'var');
    }
    const strings = `var x = ${"'${".repeat(5000)}1${"}'".repeat(5000)}\n`;
    assert.ok(parseBicep(strings).diagnostics.length > 0);
    const unary = `var x = ${'!'.repeat(10_000)}true\n`;
    assert.ok(parseBicep(unary).diagnostics.some((d) => /too deep/.test(d.message)));
  });
});
