// Findings that survive a half-typed line: edits one property line of a real template at a time, the way a
// person mid-keystroke leaves it, and compares the findings outside the edited resource with those before the
// edit. In the editor a lost finding is a diagnostic blinking off elsewhere in the file; a new one is noise.
// Prints one JSON line: per format and edit kind, the share of findings kept and the count of spurious ones.
//   node scripts/bench/edit-tolerance.mjs --corpus DIR [--files 60] [--places 3]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FORMAT_TABLE, ROOT, loadFormatFiles, memoryHost, round } from './util.mjs';
import { EDIT_KINDS, findingsOutside, propertyLines } from './edit-kinds.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const corpus = opt('--corpus');
const wantedFiles = Number(opt('--files', 60));
const places = Number(opt('--places', 3));
const engine = createRequire(import.meta.url)(join(ROOT, 'dist', 'engine.js'));

/** A stable pseudo-random order, so the same files and lines are chosen on every run. */
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const rows = [];
const worst = [];
for (const entry of FORMAT_TABLE.filter((e) => engine.FORMATS.some((f) => f.format === e.format))) {
  const files = loadFormatFiles(corpus, entry);
  const host = memoryHost(files);
  const scan = (text, path) => engine.scanText(text, path, { host });
  // Templates that parse cleanly and have findings in at least two resources: the only ones that can lose some.
  const candidates = files
    .filter((f) => entry.format !== 'arm' || !/\.parameters\.json$/i.test(f.path))
    .sort((a, b) => hash(a.path) - hash(b.path));
  const tallies = new Map(EDIT_KINDS.map((k) => [k.name, { kind: k.name, edits: 0, before: 0, kept: 0, spurious: 0 }]));
  let used = 0;
  for (const file of candidates) {
    if (used >= wantedFiles) break;
    const before = scan(file.text, file.path);
    if (!before.document || before.errors.length > 0 || before.document.resources.length < 2) continue;
    const findings = before.findings.filter((f) => f.file === file.path);
    if (new Set(findings.map((f) => f.resource.name)).size < 2) continue;
    const lines = propertyLines(entry.format, file.text, before.document.resources);
    if (lines.length === 0) continue;
    used++;
    const chosen = [...lines]
      .sort((a, b) => hash(`${file.path}:${a.start}`) - hash(`${file.path}:${b.start}`))
      .slice(0, places);
    for (const kind of EDIT_KINDS) {
      const t = tallies.get(kind.name);
      for (const line of chosen) {
        const edit = kind.apply(entry.format, file.text, line);
        if (!edit) continue;
        const text = file.text.slice(0, edit.start) + edit.newText + file.text.slice(edit.end);
        const after = scan(text, file.path).findings.filter((f) => f.file === file.path);
        const r = findingsOutside(before.document.resources, findings, after, edit);
        t.edits++;
        t.before += r.before;
        t.kept += r.kept;
        t.spurious += r.spurious;
        if (r.before - r.kept + r.spurious > 0)
          worst.push({
            format: entry.format,
            kind: kind.name,
            file: file.path.slice(corpus.length + 1),
            line: line.number + 1,
            lost: r.before - r.kept,
            spurious: r.spurious,
          });
      }
    }
  }
  for (const t of tallies.values())
    rows.push({
      format: entry.format,
      files: used,
      ...t,
      keptPercent: t.before ? round((100 * t.kept) / t.before, 1) : null,
    });
}
worst.sort((a, b) => b.lost + b.spurious - (a.lost + a.spurious));
console.log(JSON.stringify({ places, rows, worst: worst.slice(0, 8) }));
