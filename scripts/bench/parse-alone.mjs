// One format's bare parser in a fresh process that does nothing else: the parser's own throughput, free of the
// garbage the analysis passes leave in the process that compares the two (format-worker.mjs). Prints one JSON line.
//   node scripts/bench/parse-alone.mjs --corpus DIR --format bicep [--quick]
import { loadParser } from './parsers.mjs';
import { FORMAT_TABLE, loadFormatFiles, median, round, time } from './util.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const entry = FORMAT_TABLE.find((e) => e.format === opt('--format'));
const files = loadFormatFiles(opt('--corpus'), entry);
const MB = files.reduce((n, f) => n + f.bytes, 0) / 1e6;
const parser = await loadParser(entry);
if (parser.unavailable || files.length === 0) {
  console.log(JSON.stringify({ format: entry.format, unavailable: parser.unavailable ?? 'no files' }));
} else {
  const samples = [];
  const runs = argv.includes('--quick') ? 5 : 9;
  for (let r = -1; r < runs; r++) {
    const ms = time(() => {
      for (const f of files) parser.parse(f.text, f.path);
    });
    if (r >= 0) samples.push(ms);
  }
  console.log(
    JSON.stringify({
      format: entry.format,
      runs,
      MBps: round(MB / (median(samples) / 1000), 1),
      MBpsBest: round(MB / (Math.min(...samples) / 1000), 1),
    }),
  );
}
