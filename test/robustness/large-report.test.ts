/**
 * A report larger than the longest string V8 can hold (issue 19 item 10: 700,000 findings ended in
 * `RangeError: Invalid string length`, exit 2, nothing written) is written whole, in JSON and in SARIF.
 * The findings are synthetic (a real scan of that size takes minutes); the writer is the CLI's.
 */
import assert from 'node:assert/strict';
import { writeChunks, type TextSink } from '../../src/cli/output';
import type { Finding } from '../../src/engine';
import type { FileReport, PositionedFinding } from '../../src/engine/report/file-report';
import { jsonReportChunks } from '../../src/engine/report/json';
import { sarifChunks } from '../../src/engine/report/sarif';

/** V8's longest string on 64-bit (2^29 - 24 characters). */
const MAX_STRING = 2 ** 29 - 24;

function syntheticReports(files: number, perFile: number): FileReport[] {
  const reports: FileReport[] = [];
  for (let f = 0; f < files; f++) {
    const file = `infra/module-${f}/main.bicep`;
    const findings: PositionedFinding[] = [];
    for (let i = 0; i < perFile; i++) {
      const finding: Finding = {
        ruleId: 'STG-TLS',
        severity: 'error',
        file,
        span: { start: i * 40, end: i * 40 + 20 },
        message: `Storage account 'st${f}x${i}' accepts TLS older than 1.2 (properties.minimumTlsVersion is TLS1_0).`,
        resource: { type: 'Microsoft.Storage/storageAccounts', name: `st${f}x${i}` },
        layer: 'configurations',
        serviceModel: 'PaaS',
        owner: 'customer',
        fixes: [],
        related: [
          {
            file: `infra/module-${f}/main.bicepparam`,
            span: { start: 5, end: 13 },
            message: "The value comes from parameter 'minimumTls'.",
          },
        ],
      };
      const at = { line: i, character: 2 };
      findings.push({
        finding,
        start: at,
        end: { line: i, character: 22 },
        related: [
          {
            file: finding.related[0]!.file,
            message: finding.related[0]!.message,
            start: { line: 0, character: 5 },
            end: { line: 0, character: 13 },
          },
        ],
      });
    }
    reports.push({ file, format: 'bicep', resources: perFile, findings, errors: [], notes: [] });
  }
  return reports;
}

/** Counts what it is given, keeps the head and the tail. */
function countingSink(): TextSink & { chars: number; head: string; tail: string } {
  const sink = {
    chars: 0,
    head: '',
    tail: '',
    write(t: string) {
      if (sink.head.length < 200) sink.head += t.slice(0, 200);
      sink.tail = (sink.tail + t).slice(-200);
      sink.chars += t.length;
    },
  };
  return sink;
}

describe('robustness: reports larger than a string', function () {
  this.timeout(300_000);
  const reports = syntheticReports(700, 1000);

  it('writes 700,000 findings as JSON', () => {
    const sink = countingSink();
    writeChunks(jsonReportChunks(reports), sink);
    assert.ok(sink.chars > MAX_STRING, `${sink.chars} characters: more than one string can hold`);
    assert.match(sink.head, /^\{\n {2}"version": 1,\n {2}"findings": \[\n {4}\{\n {6}"ruleId": "STG-TLS"/);
    assert.match(sink.tail, /"notes": \[\]\n\}\n$/);
  });

  it('writes 700,000 findings as SARIF', () => {
    const sink = countingSink();
    writeChunks(sarifChunks(reports, '0.0.0'), sink);
    assert.ok(sink.chars > MAX_STRING, `${sink.chars} characters: more than one string can hold`);
    assert.match(sink.head, /^\{\n {2}"\$schema": "https:\/\/json\.schemastore\.org\/sarif-2\.1\.0\.json"/);
    assert.match(sink.tail, /"toolExecutionNotifications": \[\]\n {8}\}\n {6}\]\n {4}\}\n {2}\]\n\}\n$/);
  });
});
