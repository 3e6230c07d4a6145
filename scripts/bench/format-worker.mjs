// One format, one fresh process: bare parse vs full analysis throughput, per-file analysis times, the ARM ratio to
// JSON.parse, the synthetic scaling series and this process's peak RSS. Prints one JSON line.
//   node scripts/bench/format-worker.mjs --corpus DIR --format arm [--runs 5] [--quick]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadParser } from './parsers.mjs';
import { scaleText } from './scaling.mjs';
import {
  FORMAT_TABLE,
  ROOT,
  loadFormatFiles,
  maxRssMB,
  median,
  medianTime,
  memoryHost,
  percentile,
  round,
  time,
} from './util.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const corpus = opt('--corpus');
const format = opt('--format');
const quick = argv.includes('--quick');
const runs = Number(opt('--runs', quick ? 3 : 5));
const entry = FORMAT_TABLE.find((e) => e.format === format);
const engine = createRequire(import.meta.url)(join(ROOT, 'dist', 'engine.js'));

const files = loadFormatFiles(corpus, entry);
const bytes = files.reduce((n, f) => n + f.bytes, 0);
const MB = bytes / 1e6;
const parser = await loadParser(entry);
const analysable = engine.FORMATS.some((f) => f.format === format);
const host = memoryHost(files);
const options = { host };
const result = {
  format,
  files: files.length,
  megabytes: round(MB, 2),
  runs,
  parser: parser.unavailable ? `not available: ${parser.unavailable}` : parser.name,
  analysis: analysable
    ? 'scanText (engine.FORMATS)'
    : 'not available: format not registered in src/engine/formats/all.ts',
};

// The passes are interleaved (parse, analysis, JSON.parse, parse, …) so that load from other processes on a shared
// machine hits every measurement alike; each figure is the median over `runs` passes after one warm-up round.
const hasParser = files.length > 0 && !parser.unavailable;
const hasAnalysis = files.length > 0 && analysable;
const strict =
  format === 'arm'
    ? files.filter((f) => {
        try {
          JSON.parse(f.text);
          return true;
        } catch {
          return false;
        }
      })
    : [];
const strictSet = new Set(strict);
const perFile = files.map(() => []);
const samples = { parse: [], analysis: [], json: [], parseStrict: [] };
const parseAll = (list) => {
  for (const f of list) parser.parse(f.text, f.path);
};
const scanAll = (record) => {
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const t0 = performance.now();
    engine.scanText(f.text, f.path, options);
    if (record) perFile[i].push(performance.now() - t0);
  }
};
for (let r = -1; r < runs; r++) {
  const keep = r >= 0;
  if (hasParser) {
    const ms = time(() => parseAll(files));
    if (keep) samples.parse.push(ms);
  }
  if (hasAnalysis) {
    const ms = time(() => scanAll(keep));
    if (keep) samples.analysis.push(ms);
  }
  if (strict.length > 0) {
    const ms = time(() => {
      for (const f of strict) JSON.parse(f.text);
    });
    if (keep) samples.json.push(ms);
    if (hasParser) {
      const ms2 = time(() => parseAll(strict));
      if (keep) samples.parseStrict.push(ms2);
    }
  }
}

if (hasParser) {
  const parseMs = median(samples.parse);
  let parseErrors = 0;
  for (const f of files) if (parser.parse(f.text, f.path)?.diagnostics?.length) parseErrors++;
  result.parseMs = round(parseMs, 1);
  result.parseMBps = round(MB / (parseMs / 1000), 1);
  // The best pass is the least disturbed by other processes: a fairer figure on a busy machine than the median.
  result.parseMBpsBest = round(MB / (Math.min(...samples.parse) / 1000), 1);
  if (parseErrors > 0) result.filesWithParseDiagnostics = parseErrors;
}

if (hasAnalysis) {
  const analysisMs = median(samples.analysis);
  const fileMedians = perFile.map(median);
  let templates = 0;
  let errors = 0;
  let findings = 0;
  // What the analysis reads besides the file itself: Bicep modules, ARM parameter files, Terraform sibling
  // files, called modules and tfvars. The bare parse reads each file once; analysis reads these again per caller.
  let dependencyBytes = 0;
  const sizeOf = new Map(files.map((f) => [f.path, f.bytes]));
  for (const f of files) {
    const r = engine.scanText(f.text, f.path, options);
    if (r.document) templates++;
    errors += r.errors.length;
    findings += r.findings.length;
    for (const d of new Set(r.document?.dependencies ?? [])) dependencyBytes += sizeOf.get(d) ?? 0;
  }
  Object.assign(result, {
    templates,
    findings,
    analysisErrors: errors,
    analysisMs: round(analysisMs, 1),
    analysisMBps: round(MB / (analysisMs / 1000), 1),
    analysisMBpsBest: round(MB / (Math.min(...samples.analysis) / 1000), 1),
    perFileMs: {
      median: round(median(fileMedians), 3),
      p95: round(percentile(fileMedians, 95), 3),
      max: round(Math.max(...fileMedians), 2),
    },
    slowestFile: files[fileMedians.indexOf(Math.max(...fileMedians))].path.slice(corpus.length + 1),
  });
  result.dependencyMB = round(dependencyBytes / 1e6, 2);
  if (result.parseMs) {
    result.analysisOverParse = round(analysisMs / result.parseMs, 2);
    // The same ratio per byte the analysis reads (the file and its dependencies) rather than per file byte.
    result.analysisOverParsePerByteRead = round(analysisMs / (bytes + dependencyBytes) / (result.parseMs / bytes), 2);
  }

  if (strict.length > 0) {
    // JSON.parse is the floor for reading JSON at all; only files it accepts (no comments, no trailing commas) count.
    const jsonMs = median(samples.json);
    const strictMB = strict.reduce((n, f) => n + f.bytes, 0) / 1e6;
    const analysisStrictMs = fileMedians.reduce((n, ms, i) => n + (strictSet.has(files[i]) ? ms : 0), 0);
    result.jsonParse = {
      files: strict.length,
      megabytes: round(strictMB, 2),
      MBps: round(strictMB / (jsonMs / 1000), 1),
      analysisOverJsonParse: round(analysisStrictMs / jsonMs, 2),
      ...(hasParser ? { parseOverJsonParse: round(median(samples.parseStrict) / jsonMs, 2) } : {}),
    };
  }
}

// Scaling: a mid-to-large real file (near the 90th percentile of size) that the scaler can grow.
if (files.length > 0 && (analysable || !parser.unavailable)) {
  const bySize = [...files].sort((a, b) => a.bytes - b.bytes);
  const start = Math.floor(bySize.length * 0.9);
  const order = [...bySize.slice(start), ...bySize.slice(0, start).reverse()];
  const base = order.find(
    (f) => scaleText(format, f.text, 2) !== undefined && (!analysable || engine.scanText(f.text, f.path, {}).document),
  );
  if (base) {
    const series = [];
    for (const k of [1, 2, 4, 8, 16]) {
      const text = k === 1 ? base.text : scaleText(format, base.text, k);
      const point = { factor: k, kilobytes: round(Buffer.byteLength(text) / 1e3, 1) };
      const reps = quick ? 5 : 9;
      if (!parser.unavailable)
        point.parseMs = round(
          medianTime(() => parser.parse(text, base.path), reps),
          3,
        );
      if (analysable)
        point.analysisMs = round(
          medianTime(() => engine.scanText(text, base.path, {}), reps),
          3,
        );
      series.push(point);
    }
    const first = series[0];
    const last = series[series.length - 1];
    result.scaling = {
      file: base.path.slice(corpus.length + 1),
      series,
      sizeRatio: round(last.kilobytes / first.kilobytes, 1),
      ...(first.parseMs ? { parseTimeRatio: round(last.parseMs / first.parseMs, 1) } : {}),
      ...(first.analysisMs ? { analysisTimeRatio: round(last.analysisMs / first.analysisMs, 1) } : {}),
    };
  }
}

result.peakRssMB = round(maxRssMB(), 0);
console.log(JSON.stringify(result));
