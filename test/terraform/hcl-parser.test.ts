/** The HCL native-syntax parser, construct by construct, with exact spans. */
import assert from 'node:assert/strict';
import {
  parseHcl,
  parseTfJson,
  type Attribute,
  type Block,
  type Expr,
  type HclFile,
  type TemplatePart,
} from '../../src/engine/formats/terraform';

/** The source text a span covers. */
function at(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

function clean(text: string): HclFile {
  const file = parseHcl(text);
  assert.deepEqual(file.diagnostics, [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return file;
}

function attr(file: HclFile, name: string): Attribute {
  const found = file.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

function block(file: HclFile, index = 0): Block {
  const b = file.body.items.filter((i): i is Block => i.kind === 'block')[index];
  assert.ok(b, `block ${index}`);
  return b;
}

/** One attribute `x = <expr>`, returning the expression and the text. */
function expr(source: string): { e: Expr; text: string } {
  const text = `x = ${source}\n`;
  return { e: attr(clean(text), 'x').expr, text };
}

function literalParts(parts: readonly TemplatePart[]): string[] {
  return parts.map((p) => (p.kind === 'literal' ? p.value : `<${p.kind}>`));
}

describe('HCL parser', () => {
  describe('bodies', () => {
    it('attributes: name, value and whole spans', () => {
      const text = 'name  = "abc" # trailing\ncount = 3\n';
      const file = clean(text);
      const name = attr(file, 'name');
      assert.equal(at(text, name.nameSpan), 'name');
      assert.equal(at(text, name.expr.span), '"abc"');
      assert.equal(at(text, name.span), 'name  = "abc"');
      assert.equal(at(text, attr(file, 'count').expr.span), '3');
    });

    it('blocks with quoted and bare labels, nested blocks and brace spans', () => {
      const text = 'resource "azurerm_storage_account" sa {\n  network_rules {\n    default_action = "Deny"\n  }\n}\n';
      const file = clean(text);
      const b = block(file);
      assert.equal(b.type, 'resource');
      assert.deepEqual(
        b.labels.map((l) => [l.value, at(text, l.span), l.quoted]),
        [
          ['azurerm_storage_account', '"azurerm_storage_account"', true],
          ['sa', 'sa', false],
        ],
      );
      assert.equal(at(text, b.span), text.trimEnd());
      assert.equal(at(text, b.openBrace!), '{');
      assert.equal(at(text, b.closeBrace!), '}');
      const nested = b.body.items[0] as Block;
      assert.equal(nested.type, 'network_rules');
      assert.equal(at(text, nested.span), 'network_rules {\n    default_action = "Deny"\n  }');
      assert.equal(at(text, (nested.body.items[0] as Attribute).span), 'default_action = "Deny"');
    });

    it('one-line and empty blocks', () => {
      const text = 'a { b = 1 }\nc {}\n';
      const file = clean(text);
      assert.equal(at(text, (block(file).body.items[0] as Attribute).span), 'b = 1');
      assert.equal(block(file, 1).body.items.length, 0);
    });

    it('comments of all three kinds are kept, and CRLF and a BOM are fine', () => {
      const text = '\uFEFF# one\r\n// two\r\n/* three\r\n */ a = 1\r\nb = 2\r\n';
      const file = clean(text);
      assert.deepEqual(
        file.comments.map((c) => c.text),
        ['# one', '// two', '/* three\r\n */'],
      );
      assert.equal(at(text, attr(file, 'a').span), 'a = 1');
      assert.equal(at(text, attr(file, 'b').span), 'b = 2');
    });
  });

  describe('expressions', () => {
    it('literals', () => {
      assert.deepEqual(
        ['1', '1.5', '1e3', 'true', 'false', 'null'].map((s) => {
          const { e } = expr(s);
          return e.kind === 'literal' ? e.value : undefined;
        }),
        [1, 1.5, 1000, true, false, null],
      );
    });

    it('objects and tuples, with commas or line breaks, and key forms', () => {
      const { e, text } = expr('{\n  a = 1\n  "b" : [1, 2,]\n  (var.k) = 3, d = 4\n}');
      assert.equal(e.kind, 'object');
      if (e.kind !== 'object') return;
      assert.deepEqual(
        e.items.map((i) => at(text, i.key.span)),
        ['a', '"b"', '(var.k)', 'd'],
      );
      assert.deepEqual(
        e.items.map((i) => i.key.kind),
        ['variable', 'template', 'parens', 'variable'],
      );
      assert.equal(at(text, e.items[1]!.span), '"b" : [1, 2,]');
      const tuple = e.items[1]!.value;
      assert.equal(tuple.kind === 'tuple' ? tuple.items.length : -1, 2);
    });

    it('operators by precedence, unary and conditionals', () => {
      const { e, text } = expr('!a || b && c == 1 + 2 * -3 ? "y" : "n"');
      assert.equal(e.kind, 'conditional');
      if (e.kind !== 'conditional') return;
      assert.equal(at(text, e.cond.span), '!a || b && c == 1 + 2 * -3');
      assert.ok(e.cond.kind === 'binary' && e.cond.op === '||');
      const right = e.cond.kind === 'binary' ? e.cond.right : e.cond;
      assert.ok(right.kind === 'binary' && right.op === '&&');
      assert.equal(at(text, e.then.span), '"y"');
      assert.equal(at(text, e.else.span), '"n"');
    });

    it('attribute access, indexes, legacy .0 index and both splats', () => {
      const { e, text } = expr('azurerm_storage_account.sa.id');
      assert.ok(e.kind === 'getAttr' && e.name === 'id' && at(text, e.nameSpan) === 'id');
      assert.equal(at(text, e.span), 'azurerm_storage_account.sa.id');
      const idx = expr('var.list[0].name').e;
      assert.ok(idx.kind === 'getAttr' && idx.target.kind === 'index');
      const legacy = expr('var.list.0').e;
      assert.ok(legacy.kind === 'index' && legacy.key.kind === 'literal' && legacy.key.value === 0);
      const full = expr('var.rules[*].port[0]');
      assert.ok(full.e.kind === 'splat' && full.e.style === 'full');
      assert.deepEqual(full.e.kind === 'splat' ? full.e.each.map((t) => t.kind) : [], ['attr', 'index']);
      assert.equal(at(full.text, full.e.span), 'var.rules[*].port[0]');
      const attrSplat = expr('var.rules.*.port').e;
      assert.ok(attrSplat.kind === 'splat' && attrSplat.style === 'attr' && attrSplat.each.length === 1);
    });

    it('function calls, provider functions and argument expansion', () => {
      const { e, text } = expr('merge(var.a, {\n  b = 1\n}, local.c...)');
      assert.ok(e.kind === 'call' && e.name === 'merge' && e.args.length === 3 && e.expandFinal);
      assert.equal(at(text, e.span), 'merge(var.a, {\n  b = 1\n}, local.c...)');
      const p = expr('provider::azurerm::normalise_resource_id(var.id)');
      assert.ok(p.e.kind === 'call' && p.e.name === 'provider::azurerm::normalise_resource_id');
      assert.equal(p.e.kind === 'call' ? at(p.text, p.e.nameSpan) : '', 'provider::azurerm::normalise_resource_id');
    });

    it('for expressions: tuple, object, grouping, condition', () => {
      const t = expr('[for i, v in var.list : upper(v) if v != ""]').e;
      assert.ok(t.kind === 'for' && !t.object && t.keyVar === 'i' && t.valueVar === 'v' && t.cond);
      const o = expr('{\n  for k, v in var.map :\n  k => v...\n  if v != null\n}');
      assert.ok(o.e.kind === 'for' && o.e.object && o.e.grouping && o.e.keyExpr);
      assert.equal(at(o.text, o.e.span), '{\n  for k, v in var.map :\n  k => v...\n  if v != null\n}');
    });

    it('parentheses let expressions span lines', () => {
      const { e, text } = expr('(\n  var.a\n  ? 1\n  : 2\n)');
      assert.ok(e.kind === 'parens' && e.expr.kind === 'conditional');
      assert.equal(at(text, e.span), '(\n  var.a\n  ? 1\n  : 2\n)');
    });
  });

  describe('templates', () => {
    it('quoted strings decode escapes; spans cover the quotes', () => {
      const { e, text } = expr('"a\\n\\"b\\u00e9 $${x} %%{y}"');
      assert.ok(e.kind === 'template');
      assert.deepEqual(e.kind === 'template' ? literalParts(e.parts) : [], ['a\n"bé ${x} %{y}']);
      assert.equal(at(text, e.span), '"a\\n\\"b\\u00e9 $${x} %%{y}"');
    });

    it('interpolations with nested strings and objects, and strip markers', () => {
      const { e, text } = expr('"pre ${lookup({ a = "}" }, "a")} mid  ${~ var.x ~}  post"');
      assert.ok(e.kind === 'template');
      if (e.kind !== 'template') return;
      assert.deepEqual(literalParts(e.parts), ['pre ', '<interp>', ' mid', '<interp>', 'post']);
      assert.equal(at(text, e.parts[1]!.span), '${lookup({ a = "}" }, "a")}');
    });

    it('if and for directives', () => {
      const { e } = expr('"%{ if var.on }on%{ else }off%{ endif }:%{ for k, v in var.m }${k}=${v},%{ endfor }"');
      assert.ok(e.kind === 'template');
      if (e.kind !== 'template') return;
      assert.deepEqual(
        e.parts.map((p) => p.kind),
        ['if', 'literal', 'for'],
      );
      const dir = e.parts[0]!;
      assert.ok(
        dir.kind === 'if' && literalParts(dir.then)[0] === 'on' && dir.else && literalParts(dir.else)[0] === 'off',
      );
      const loop = e.parts[2]!;
      assert.ok(loop.kind === 'for' && loop.keyVar === 'k' && loop.valueVar === 'v' && loop.body.length === 4);
    });

    it('heredocs, plain and indented, with interpolation', () => {
      const text = 'a = <<EOT\n  hello ${name}\nEOT\nb = <<-EOT\n    one\n      two\n    EOT\nc = 1\n';
      const file = clean(text);
      const a = attr(file, 'a').expr;
      assert.equal(at(text, a.span), '<<EOT\n  hello ${name}\nEOT');
      assert.deepEqual(a.kind === 'template' ? literalParts(a.parts) : [], ['  hello ', '<interp>', '\n']);
      const b = attr(file, 'b').expr;
      assert.deepEqual(b.kind === 'template' ? literalParts(b.parts).join('') : '', 'one\n  two\n');
      assert.equal(at(text, attr(file, 'c').span), 'c = 1');
    });
  });

  describe('error tolerance', () => {
    it('a value not yet typed does not swallow the next attribute', () => {
      const text = 'resource "a" "b" {\n  name =\n  location = "x"\n}\n';
      const file = parseHcl(text);
      assert.equal(file.diagnostics.length, 1);
      const items = block(file).body.items as Attribute[];
      assert.deepEqual(
        items.map((i) => i.name),
        ['name', 'location'],
      );
      assert.equal(at(text, items[1]!.span), 'location = "x"');
    });

    it('an unclosed string ends at its line', () => {
      const text = 'a = "abc\nb = "d"\n';
      const file = parseHcl(text);
      assert.ok(file.diagnostics.length > 0);
      assert.equal(at(text, attr(file, 'b').span), 'b = "d"');
    });

    it('an unclosed object or block does not take the next block with it', () => {
      const text = 'resource "a" "b" {\n  tags = {\n    x = 1\n  sku = "S"\n}\n\nresource "c" "d" {\n  name = "n"\n}\n';
      const file = parseHcl(text);
      assert.ok(file.diagnostics.length > 0);
      assert.equal(file.body.items.length, 2);
      assert.equal(at(text, (block(file, 1).body.items[0] as Attribute).span), 'name = "n"');
      const text2 = 'a {\n  b {\n    c = 1\n  d = 2\n}\ne = 3\n';
      const file2 = parseHcl(text2);
      assert.deepEqual(
        (block(file2).body.items as (Attribute | Block)[]).map((i) => (i.kind === 'block' ? i.type : i.name)),
        ['b', 'd'],
      );
      assert.equal(at(text2, attr(file2, 'e').span), 'e = 3');
    });

    it('an unclosed call or tuple stops at the next attribute', () => {
      const text = 'a = merge(var.x,\nb = [1,\nc = 3\n';
      const file = parseHcl(text);
      assert.deepEqual(
        file.body.items.map((i) => (i as Attribute).name),
        ['a', 'b', 'c'],
      );
    });

    it('a missing heredoc terminator does not swallow the file', () => {
      const text = 'a = <<EOT\nhello\nb = 1\n';
      const file = parseHcl(text);
      assert.ok(file.diagnostics.length > 0);
      assert.equal(at(text, attr(file, 'b').span), 'b = 1');
    });

    it('stray closers and junk are reported and skipped', () => {
      const file = parseHcl('}\n)\n@@@\na = 1\n');
      assert.ok(file.diagnostics.length >= 3);
      assert.equal(attr(file, 'a').name, 'a');
    });
  });

  describe('limits', () => {
    const deep: Record<string, string> = {
      tuples: `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      objects: `x = ${'{a = '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
      parens: `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`,
      unary: `x = ${'-'.repeat(10_000)}1\n`,
      blocks: `${'a {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`,
      strings: `x = ${'"${'.repeat(10_000)}1${'}"'.repeat(10_000)}\n`,
      unclosed: `x = ${'[{('.repeat(10_000)}\n`,
    };
    for (const [name, text] of Object.entries(deep)) {
      it(`10,000-deep ${name}: an error, not a stack overflow`, () => {
        const file = parseHcl(text);
        assert.ok(
          file.diagnostics.some((d) => /deeper|unclosed|expected|not closed/.test(d.message)),
          JSON.stringify(file.diagnostics.slice(0, 2)),
        );
      });
    }

    // How fast: test/robustness/hcl-scaling.test.ts (npm run test:robustness).
    it('a 120 KB line of 10,000 brackets and stray closers leaves the next attribute readable', () => {
      const file = parseHcl(`a = ${'('.repeat(10_000)}${'y'.repeat(100_000)}${')'.repeat(10_000)}\nb = 1\n`);
      assert.equal(attr(file, 'b').name, 'b');
    });
  });

  describe('.tf.json', () => {
    it('reads blocks with labels and attributes, with templates in strings', () => {
      const text =
        '{\n  "resource": {\n    "azurerm_storage_account": {\n      "sa": {\n        "name": "${var.prefix}sa",\n        "min_tls_version": "TLS1_2",\n        "network_rules": [{ "default_action": "Deny" }]\n      }\n    }\n  },\n  "variable": { "prefix": { "default": "x" } }\n}\n';
      const file = parseTfJson(text);
      assert.deepEqual(file.diagnostics, []);
      const b = block(file);
      assert.deepEqual([b.type, ...b.labels.map((l) => l.value)], ['resource', 'azurerm_storage_account', 'sa']);
      const name = b.body.items[0] as Attribute;
      assert.equal(at(text, name.expr.span), '"${var.prefix}sa"');
      assert.ok(name.expr.kind === 'template' && name.expr.parts[0]?.kind === 'interp');
      assert.equal(name.expr.kind === 'template' ? at(text, name.expr.parts[0].span) : '', '${var.prefix}');
      assert.equal(block(file, 1).labels[0]?.value, 'prefix');
    });

    it('reports invalid JSON without throwing', () => {
      assert.ok(parseTfJson('{ "resource": ').diagnostics.length > 0);
    });
  });
});
