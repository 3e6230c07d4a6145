// Keystroke latency: replays typing into real files, one character at a time at several places, and times each
// edit until fresh findings are ready (scanText plus mapping every finding to a line/column, the least an editor
// does before it can show diagnostics). Prints one JSON line.
//   node scripts/bench/latency.mjs --corpus DIR [--files 200]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FORMAT_TABLE, ROOT, loadFormatFiles, median, memoryHost, percentile, round } from './util.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const corpus = opt('--corpus');
const wanted = Number(opt('--files', 200));
const PLACES = 4;
const CHARS = 10;
const engine = createRequire(import.meta.url)(join(ROOT, 'dist', 'engine.js'));

export const BUCKETS = [
  { name: '≤250 lines', max: 250 },
  { name: '251–750 lines', max: 750 },
  { name: '751–1500 lines', max: 1500 },
  { name: '1501–3000 lines', max: 3000 },
  { name: '>3000 lines', max: Infinity },
];
const bucketOf = (lines) => BUCKETS.findIndex((b) => lines <= b.max);

/** A stable pseudo-random order, so the same files are chosen on every run. */
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

// Only templates count (a parameter file is never analysed), spread over formats and size buckets.
const formats = FORMAT_TABLE.filter((e) => engine.FORMATS.some((f) => f.format === e.format));
const candidates = formats.flatMap((e) => {
  const files = loadFormatFiles(corpus, e);
  const host = memoryHost(files);
  return files
    .filter((f) => engine.scanText(f.text, f.path, { host }).document)
    .map((f) => ({ ...f, format: e.format, host, lines: f.text.split('\n').length }));
});
candidates.sort((a, b) => hash(a.path) - hash(b.path));
const perBucket = Math.ceil(wanted / BUCKETS.length);
const chosen = [];
for (let b = 0; b < BUCKETS.length; b++)
  chosen.push(...candidates.filter((f) => bucketOf(f.lines) === b).slice(0, perBucket));
for (const f of candidates) if (chosen.length < wanted && !chosen.includes(f)) chosen.push(f);
chosen.splice(wanted);

/** Time from an edit to findings with positions. */
function react(text, file) {
  const t0 = performance.now();
  const r = engine.scanText(text, file.path, { host: file.host });
  const index = new engine.LineIndex(text);
  for (const f of r.findings) {
    index.positionAt(f.span.start);
    index.positionAt(f.span.end);
  }
  return performance.now() - t0;
}

const samples = new Map(); // `${format}|${bucket}` -> ms[]
const worstFiles = [];
for (const file of chosen) {
  const lines = file.text.split('\n');
  react(file.text, file); // the file was already open and scanned before typing started
  const times = [];
  for (let p = 1; p <= PLACES; p++) {
    // Retype the start of a non-blank line near p/(PLACES+1) of the file: each keystroke is a real intermediate state.
    let line = Math.floor((lines.length * p) / (PLACES + 1));
    while (line < lines.length - 1 && lines[line].trim().length < 2) line++;
    const indent = lines[line].length - lines[line].trimStart().length;
    const typed = lines[line].slice(indent, indent + CHARS);
    const prefix = lines.slice(0, line).join('\n') + (line > 0 ? '\n' : '') + lines[line].slice(0, indent);
    const suffix =
      lines[line].slice(indent + typed.length) +
      (line < lines.length - 1 ? '\n' : '') +
      lines.slice(line + 1).join('\n');
    for (let i = 1; i <= typed.length; i++) times.push(react(prefix + typed.slice(0, i) + suffix, file));
  }
  const key = `${file.format}|${bucketOf(file.lines)}`;
  if (!samples.has(key)) samples.set(key, []);
  samples.get(key).push(...times);
  worstFiles.push({ file: file.path.slice(corpus.length + 1), lines: file.lines, p95: percentile(times, 95) });
}

const buckets = [];
for (const e of formats) {
  for (let b = 0; b < BUCKETS.length; b++) {
    const xs = samples.get(`${e.format}|${b}`);
    if (!xs) continue;
    const files = chosen.filter((f) => f.format === e.format && bucketOf(f.lines) === b).length;
    buckets.push({
      format: e.format,
      bucket: BUCKETS[b].name,
      files,
      keystrokes: xs.length,
      p50: round(median(xs), 2),
      p95: round(percentile(xs, 95), 2),
      max: round(Math.max(...xs), 1),
    });
  }
}
worstFiles.sort((a, b) => b.p95 - a.p95);
console.log(
  JSON.stringify({
    files: chosen.length,
    formats: formats.map((e) => e.format),
    placesPerFile: PLACES,
    charsPerPlace: CHARS,
    buckets,
    worst: worstFiles.slice(0, 3).map((w) => ({ ...w, p95: round(w.p95, 1) })),
  }),
);
