// The half-typed states edit-tolerance.mjs measures, and how findings before and after one are compared.
// Each edit is one replacement { start, end, newText } in the original text.

const PROPERTY = {
  arm: /^(\s*)"([A-Za-z_$][\w$.-]*)"\s*:\s*(.*?)\s*$/,
  bicep: /^(\s*)([A-Za-z_]\w*)\s*:\s*(.*?)\s*$/,
  terraform: /^(\s*)([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/,
};
const QUOTE = { arm: '"', bicep: "'", terraform: '"' };

/** Property lines inside a resource (not its first line): where a person edits a setting. */
export function propertyLines(format, text, resources) {
  const out = [];
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const body = text.slice(start, end).replace(/\r$/, '');
    const m = PROPERTY[format].exec(body);
    if (m && resources.some((r) => r.span.start < start && end < r.span.end)) {
      out.push({ number, start, end: start + body.length, indent: m[1], key: m[2], value: m[3], body });
    }
    start = end + 1;
    number++;
  }
  return out;
}

/** The value as written, without a trailing comma (ARM). */
const bareValue = (line) => line.value.replace(/,$/, '');
const opensBlock = (line) => /[{[(]$/.test(bareValue(line));

export const EDIT_KINDS = [
  {
    // `"minimumTlsVersion": "TLS1_2",` becomes `"mi`: a new key being typed.
    name: 'key cut to two characters',
    apply: (format, _text, line) => ({
      start: line.start + line.indent.length,
      end: line.end,
      newText: `${format === 'arm' ? '"' : ''}${line.key.slice(0, 2)}`,
    }),
  },
  {
    // `"minimumTlsVersion": "TLS1_2",` becomes `"minimumTlsVersion": `: the value deleted, about to be retyped.
    name: 'value deleted',
    apply: (_format, _text, line) => {
      if (opensBlock(line) || line.value === '') return undefined;
      const at = line.body.lastIndexOf(line.value);
      return { start: line.start + at, end: line.end, newText: '' };
    },
  },
  {
    // `"minimumTlsVersion": "TLS1_2",` becomes `"minimumTlsVersion": "TLS1_2,`.
    name: 'closing quote removed',
    apply: (format, _text, line) => {
      const q = QUOTE[format];
      const v = bareValue(line);
      if (v.length < 2 || !v.startsWith(q) || !v.endsWith(q)) return undefined;
      const at = line.body.lastIndexOf(q);
      return { start: line.start + at, end: line.start + at + 1, newText: '' };
    },
  },
  {
    // A new line `"x": {` (Bicep `x: {`, Terraform `x = {`) typed above the property and not closed yet.
    name: '{ never closed',
    apply: (format, _text, line) => {
      const opener = format === 'arm' ? '"x": {' : format === 'bicep' ? 'x: {' : 'x = {';
      return { start: line.start, end: line.start, newText: `${line.indent}${opener}\n` };
    },
  },
];

/**
 * Compares findings outside the edited resource (every resource whose span holds the edit, so a child's parent
 * counts too) before and after the edit. A finding is the same when its rule, message and start (mapped back
 * across the edit) are.
 */
export function findingsOutside(resources, before, after, edit) {
  const edited = resources.filter((r) => r.span.start <= edit.start && edit.start < r.span.end).map((r) => r.span);
  const inside = (offset) => edited.some((s) => s.start <= offset && offset < s.end);
  const key = (f, start) => `${f.ruleId}\0${f.message}\0${start}`;
  const wanted = new Map();
  let count = 0;
  for (const f of before) {
    if (inside(f.span.start)) continue;
    count++;
    const k = key(f, f.span.start);
    wanted.set(k, (wanted.get(k) ?? 0) + 1);
  }
  const grown = edit.newText.length - (edit.end - edit.start);
  let kept = 0;
  let spurious = 0;
  for (const f of after) {
    const s = f.span.start;
    if (s >= edit.start && s < edit.start + edit.newText.length) continue;
    const original = s >= edit.start + edit.newText.length ? s - grown : s;
    if (inside(original)) continue;
    const k = key(f, original);
    const n = wanted.get(k) ?? 0;
    if (n > 0) {
      wanted.set(k, n - 1);
      kept++;
    } else spurious++;
  }
  return { before: count, kept, spurious };
}
