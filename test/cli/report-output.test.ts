/**
 * JSON and SARIF reports are written in chunks (issue 19 item 10): 700,000 findings made one string longer than
 * V8 allows (`RangeError: Invalid string length`). The chunks must join to exactly what one JSON.stringify gave,
 * and the writer must never hold more than a batch.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSink, writeChunks, type TextSink } from '../../src/cli/output';
import { render } from '../../src/cli/render';
import { scanText } from '../../src/engine';
import { toFileReport, type FileReport } from '../../src/engine/report/file-report';
import { jsonReportChunks, toJsonReport } from '../../src/engine/report/json';
import { jsonChunks, joinChunks, streamed } from '../../src/engine/report/json-stream';
import { sarifChunks, toSarif } from '../../src/engine/report/sarif';

const storage = (i: number): string => `resource st${i} 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${i}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true }
}
module reg 'br/public:avm/res/x:1.0.0' = { name: 'r${i}' }
`;

function reports(): FileReport[] {
  const out: FileReport[] = [];
  for (let i = 0; i < 3; i++) {
    const text = storage(i) + (i === 2 ? 'resource broken' : '');
    out.push(toFileReport(scanText(text, `infra/m${i}.bicep`, { today: '2026-01-01' }), text));
  }
  out.push({ file: 'empty.bicep', format: 'bicep', resources: 0, findings: [], errors: [], notes: [] });
  return out;
}

/** A sink that keeps what it is given and the largest single write. */
function recordingSink(): TextSink & { text: string; largest: number; writes: number; closed: boolean } {
  const sink = {
    text: '',
    largest: 0,
    writes: 0,
    closed: false,
    write(t: string) {
      sink.text += t;
      sink.writes++;
      sink.largest = Math.max(sink.largest, t.length);
    },
    close() {
      sink.closed = true;
    },
  };
  return sink;
}

describe('streamed reports', () => {
  it('JSON chunks join to exactly JSON.stringify of the whole report', () => {
    const rs = reports();
    const report = toJsonReport(rs);
    assert.ok(report.findings.length >= 4 && report.errors.length > 0 && report.notes.length > 0);
    assert.equal(joinChunks(jsonReportChunks(rs)), `${JSON.stringify(report, null, 2)}\n`);
    assert.equal(joinChunks(jsonReportChunks([])), `${JSON.stringify(toJsonReport([]), null, 2)}\n`);
  });

  it('SARIF chunks join to exactly JSON.stringify of the whole log', () => {
    const rs = reports();
    assert.equal(joinChunks(sarifChunks(rs, '1.2.3')), `${JSON.stringify(toSarif(rs, '1.2.3'), null, 2)}\n`);
    assert.equal(joinChunks(sarifChunks([], '1.2.3')), `${JSON.stringify(toSarif([], '1.2.3'), null, 2)}\n`);
  });

  it('writes nested, empty and top-level streamed arrays as JSON.stringify does', () => {
    const values = [
      {
        a: 1,
        b: streamed([1, { x: [1, 2], y: 'line\nbreak' }, undefined, null]),
        c: { d: streamed([]), e: [streamed(['z'])] },
      },
      streamed([{ deep: { er: [] } }, 'two']),
      // A string that looks like the placeholder is data, never taken for an array.
      { s: '<<rlens-streamed-0-0>>', t: streamed(['<<rlens-streamed-0-0>>']) },
    ];
    const plain = (v: unknown): unknown =>
      JSON.parse(
        JSON.stringify(v, (_k, x: unknown) =>
          x && typeof x === 'object' && 'items' in x ? [...(x as { items: Iterable<unknown> }).items] : x,
        ),
      );
    for (const v of values) assert.equal(joinChunks(jsonChunks(v)), JSON.stringify(plain(v), null, 2));
  });

  it('produces a finding only when it is written, and the writer never holds more than a batch', () => {
    let made = 0;
    const many = (function* () {
      for (let i = 0; i < 50_000; i++) {
        made++;
        yield { ruleId: 'STG-TLS', message: `finding ${i}`, line: i };
      }
    })();
    const sink = recordingSink();
    const chunks = jsonChunks({ version: 1, findings: streamed(many) });
    const first = chunks.next();
    assert.equal(made, 0, 'nothing is built before the first element is written');
    writeChunks([first.value as string, ...{ [Symbol.iterator]: () => chunks }], sink, 64 * 1024);
    assert.equal(made, 50_000);
    assert.ok(sink.text.length > 2_500_000, `the report is large (${sink.text.length})`);
    assert.ok(sink.largest < 64 * 1024 + 200, `largest write ${sink.largest} stays near the batch size`);
    assert.ok(sink.writes > 30);
    assert.ok(sink.closed);
    const parsed = JSON.parse(sink.text) as { findings: Array<{ line: number }> };
    assert.equal(parsed.findings.length, 50_000);
    assert.equal(parsed.findings[49_999]?.line, 49_999);
  });

  it('closes the sink when producing a chunk throws', () => {
    const sink = recordingSink();
    const failing = (function* () {
      yield '{';
      throw new Error('boom');
    })();
    assert.throws(() => writeChunks(failing, sink), /boom/);
    assert.ok(sink.closed);
  });

  it('writes a file sink byte for byte (non-ASCII text included)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rlens-out-')), 'r.json');
    const value = { m: streamed(Array.from({ length: 2000 }, (_, i) => `Speicherkonto ‘st${i}’ — 🔒`)) };
    writeChunks(jsonChunks(value), fileSink(file), 1000);
    assert.equal(readFileSync(file, 'utf8'), joinChunks(jsonChunks(value)));
  });
});

describe('the CLI renders JSON and SARIF as streams', () => {
  it('never returns one string for JSON or SARIF (a large report cannot be one)', () => {
    const rs = reports();
    const options = { version: '1.2.3', showSuppressed: false, colour: false };
    for (const format of ['json', 'sarif'] as const) {
      const chunks = render(format, rs, options);
      assert.notEqual(typeof chunks, 'string', format);
      const parts = [...chunks];
      assert.ok(parts.length > 3, `${format}: ${parts.length} chunks`);
    }
    assert.equal(joinChunks(render('json', rs, options)), `${JSON.stringify(toJsonReport(rs), null, 2)}\n`);
  });
});
