/**
 * Issue 19's hostile inputs at small sizes: the bounds hold and say so (module expansion cap and memo, module
 * cycles, depth guards with a precise error instead of a stack overflow), and the linear rewrites of patterns
 * that backtracked mean what the patterns meant. Timing is the robustness suite's
 * business (test/robustness/linear-time.test.ts); these only check behaviour.
 */
import assert from 'node:assert/strict';
import { scanText, type ScanResult } from '../../src/engine';
import { trimEndOf, trimStartOf } from '../../src/engine/core/trim';
import { MAX_MODULE_EXPANSIONS, ModuleExpansions } from '../../src/engine/formats/module-expansion';
import { azurermMajor } from '../../src/engine/formats/terraform';
import * as hostile from '../robustness/hostile-inputs';
import { memoryHost } from '../terraform/memory-host';

/** Scans a generated case laid out under /w with an in-memory host (the entry named as `entryAs`, when given). */
function scanCase(c: hostile.HostileCase, entryAs?: string): ScanResult {
  const files = Object.fromEntries(Object.entries(c.files).map(([k, v]) => [`/w/${k}`, v]));
  const entry = `/w/${c.entry}`;
  return scanText(files[entry] ?? '', entryAs ?? entry, { host: memoryHost(files), today: '2026-01-01' });
}

const notes = (r: ScanResult): string[] =>
  (r.document?.notes ?? []).map((n) => `${n.file.replace('/w/', '')}: ${n.message}`);
const internal = (r: ScanResult): string[] =>
  r.errors.filter((e) => e.message.startsWith('internal error')).map((e) => e.message);

describe('module expansion bounds (issue 19 item 4)', () => {
  it('analyses a module called again with the same values once', () => {
    const m = new ModuleExpansions();
    let runs = 0;
    const analyse = (): string[] => {
      runs++;
      return ['r'];
    };
    assert.deepEqual(m.expand('k', analyse), ['r']);
    assert.deepEqual(m.expand('k', analyse), ['r']);
    assert.deepEqual(m.expand('other', analyse), ['r']);
    assert.equal(runs, 2);
  });

  it('counts the instances a reused result holds against the cap', () => {
    const m = new ModuleExpansions(10);
    // One call holding four nested calls: five instances each time it is used.
    const outer = (): string => {
      for (let i = 0; i < 4; i++) m.expand(`inner${i}`, () => 'leaf');
      return 'outer';
    };
    assert.equal(m.expand('outer', outer), 'outer');
    assert.equal(m.expand('outer', outer), 'outer');
    assert.equal(m.expand('outer', outer), undefined, 'a third use would make 15 instances');
    assert.equal(m.noteOnce(), true);
    assert.equal(m.noteOnce(), false);
  });

  it('Bicep: a module fan-out stops at the cap with one note', () => {
    // Six files calling the next six times, each call with its own value: 9,330 instances without the cap.
    const r = scanCase(hostile.bicepModuleFanOut(6, 6, true, false));
    assert.deepEqual(internal(r), []);
    const capNotes = notes(r).filter((n) => n.includes('module instances'));
    assert.equal(capNotes.length, 1, notes(r).join('\n'));
    assert.match(
      capNotes[0] ?? '',
      new RegExp(
        `modules expand to more than ${MAX_MODULE_EXPANSIONS} module instances from this file: module 'c\\d' and later calls`,
      ),
    );
  });

  it('Bicep: a fan-out under the cap gives every instance its resources', () => {
    const r = scanCase(hostile.bicepModuleFanOut(3, 6));
    assert.equal(r.document?.resources.length, 1 + 6 + 36);
    assert.deepEqual(notes(r), []);
    assert.deepEqual(
      r.document?.resources.slice(0, 3).map((x) => x.symbol),
      ['sa', 'c0.sa', 'c0.c0.sa'],
    );
  });

  it('Terraform: a module fan-out stops at the cap with one note', () => {
    const r = scanCase(hostile.terraformModuleFanOut(4, 40, false));
    assert.deepEqual(internal(r), []);
    assert.deepEqual(notes(r).filter((n) => n.includes('module instances')).length, 1, notes(r).join('\n'));
  });

  it('Terraform: a fan-out under the cap gives every instance its resources', () => {
    const r = scanCase(hostile.terraformModuleFanOut(3, 4));
    assert.equal(r.document?.resources.length, 1 + 4 + 16);
    assert.deepEqual(notes(r), []);
  });
});

describe('Terraform module cycles (issue 19 item 11)', () => {
  for (const source of ['./', './/', './../self']) {
    it(`reports each finding once for a module calling its own folder (source = "${source}")`, () => {
      const r = scanCase(hostile.terraformSelfModule(source));
      const tls = r.findings.filter((f) => f.ruleId === 'STG-TLS');
      assert.equal(tls.length, 1, tls.map((f) => f.resource.name).join(', '));
      assert.deepEqual(notes(r), [
        "self/main.tf: module 'again' calls its own folder: the scan did not follow it again",
      ]);
    });
  }

  it('reports each finding once when the scanned path is not normalised (./self/main.tf)', () => {
    const r = scanCase(hostile.terraformSelfModule(), '/w/./self/main.tf');
    assert.equal(r.findings.filter((f) => f.ruleId === 'STG-TLS').length, 1);
    assert.deepEqual(notes(r), [
      "./self/main.tf: module 'again' calls its own folder: the scan did not follow it again",
    ]);
  });

  it('notes a cycle through two folders and reports each finding once', () => {
    const c = hostile.terraformSelfModule();
    const files = {
      'a/main.tf': c.files['self/main.tf']?.replace('source = "./"', 'source = "../b"') ?? '',
      'b/main.tf': 'module "back" {\n  source = "../a"\n}\n',
    };
    const r = scanCase({ files, entry: 'a/main.tf' });
    assert.equal(r.findings.filter((f) => f.ruleId === 'STG-TLS').length, 1);
    assert.deepEqual(notes(r), [
      "b/main.tf: module 'back' calls a folder that calls it (a → b → a): the scan did not follow it again",
    ]);
  });
});

describe('depth guards (issue 19 item 7)', () => {
  it('.tf.json nested 5,000 deep: a precise error, no stack overflow', () => {
    const r = scanCase(hostile.tfJsonDeep(5000));
    assert.deepEqual(internal(r), []);
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['JSON nested deeper than 1000 levels was not analysed'],
    );
  });

  it('ARM expression with 5,000 index operations: the value is unknown and says why', () => {
    const r = scanCase(hostile.armDeepIndex(5000));
    assert.deepEqual(internal(r), []);
    const tls = r.document?.resources[0]?.body;
    const value = tls?.kind === 'object' ? tls.properties.find((p) => p.key === 'properties')?.value : undefined;
    const min =
      value?.kind === 'object' ? value.properties.find((p) => p.key === 'minimumTlsVersion')?.value : undefined;
    assert.equal(
      min?.kind === 'unknown' ? min.reason : min?.kind,
      'expression could not be read (expression nested deeper than 200 levels)',
    );
  });

  it('ARM expression with 200 index operations still evaluates', () => {
    const r = scanCase(hostile.armDeepIndex(150));
    assert.deepEqual(internal(r), []);
    assert.ok(!JSON.stringify(r.document?.resources[0]?.body).includes('nested deeper'));
  });

  const chains: Array<[string, string, string]> = [
    ['Bicep index chain', 'b.bicep', `var v = [0]\noutput o int = v${'[0]'.repeat(5000)}\n`],
    ['Bicep member chain', 'b.bicep', `var v = {}\noutput o int = v${'.a'.repeat(5000)}\n`],
    ['Bicep operator chain', 'b.bicep', `var v = 1\noutput o int = ${Array(5000).fill('v').join(' + ')}\n`],
    ['HCL index chain', 'h.tf', `locals {\n  v = local.w${'[0]'.repeat(5000)}\n}\n`],
    ['HCL attribute chain', 'h.tf', `locals {\n  v = local.w${'.a'.repeat(5000)}\n}\n`],
    ['HCL operator chain', 'h.tf', `locals {\n  v = ${Array(5000).fill('1').join(' + ')}\n}\n`],
  ];
  for (const [what, file, text] of chains) {
    it(`${what} of 5,000 links: a nesting error, no stack overflow`, () => {
      const r = scanText(text, `/w/${file}`);
      assert.deepEqual(internal(r), []);
      assert.ok(
        r.errors.some((e) => /nest/i.test(e.message)),
        r.errors.map((e) => e.message).join('\n'),
      );
    });
  }
});

describe('linear rewrites of backtracking patterns keep their meaning (issue 19 item 5)', () => {
  it('format(): indexes, specifiers, escaped braces and unclosed placeholders', () => {
    const r = scanText(`output o string = format('{0}|{1,5}|{0:N2}|{{x}}|{2}|{0,|}}{|{x}', 'a', 'b')\n`, '/w/f.bicep');
    assert.equal(
      r.document?.outputs?.[0]?.value.kind === 'string' ? r.document.outputs[0].value.value : undefined,
      'a|b|a|{x}||a}{|{x}',
    );
  });

  it('azurerm constraints with blanks around them', () => {
    assert.deepEqual(azurermMajor('  ~>  3.0  '), { major: 3, assumed: false });
    assert.deepEqual(azurermMajor('\t>= 3.0,\t< 4.0 '), { major: 3, assumed: false });
    assert.deepEqual(azurermMajor('\t'.repeat(50)), { major: 5, assumed: true });
  });

  it('trimEndOf and trimStartOf', () => {
    assert.equal(trimEndOf('/a/b///', '/'), '/a/b');
    assert.equal(trimEndOf('///', '/'), '');
    assert.equal(trimEndOf("x;y')]", "')]"), 'x;y');
    assert.equal(trimStartOf(' \t\nx ', ' \t\r\n'), 'x ');
  });

  it('Terraform strip markers still trim the literal before and after', () => {
    const r = scanText('locals {\n  v = "a   ${~ "b" ~}   c"\n}\noutput "o" {\n  value = local.v\n}\n', '/w/s.tf');
    const v = r.document?.outputs?.[0]?.value;
    assert.equal(v?.kind === 'string' ? v.value : v?.kind, 'abc');
  });
});
