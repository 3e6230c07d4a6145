// Synthetic scaling inputs: one real file made k times larger by repeating its declarations under fresh names,
// so the engine sees a valid, k times bigger template rather than k copies of the same symbols.

function renameArmName(name, k) {
  if (typeof name !== 'string') return name;
  if (/^\[.*\]$/s.test(name) && !name.startsWith('[[')) return `[concat(${name.slice(1, -1)}, '-${k}')]`;
  return `${name}-${k}`;
}

function scaleArm(text, k) {
  let template;
  try {
    template = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(template.resources) || template.resources.length === 0) return undefined;
  const copies = [];
  for (let i = 0; i < k; i++) {
    for (const r of template.resources) copies.push(i === 0 ? r : { ...r, name: renameArmName(r.name, i) });
  }
  return JSON.stringify({ ...template, resources: copies }, null, 2);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function scaleBicep(text, k) {
  const names = [
    ...text.matchAll(
      /^[ \t]*(?:@\w+(?:\([^)]*\))?\s*)*(?:param|var|resource|module|output|type|func)\s+([A-Za-z_]\w*)/gm,
    ),
  ].map((m) => m[1]);
  if (names.length === 0) return undefined;
  const pattern = new RegExp(`(?<![.\\w])(${[...new Set(names)].map(escape).join('|')})\\b(?!\\s*:(?!:))`, 'g');
  const parts = [text];
  for (let i = 1; i < k; i++) {
    parts.push(text.replace(/^\s*targetScope\b.*$/gm, '').replace(pattern, `$1_${i}`));
  }
  return parts.join('\n');
}

function scaleTerraform(text, k) {
  const blocks = [...text.matchAll(/^\s*(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"/gm)];
  const vars = [...text.matchAll(/^\s*(variable|output|module)\s+"([\w-]+)"/gm)].map((m) => [m[1], m[2]]);
  if (blocks.length === 0) return undefined;
  const parts = [text];
  for (let i = 1; i < k; i++) {
    let copy = text;
    for (const [, kind, type, name] of blocks) {
      const prefix = kind === 'data' ? `data\\.${escape(type)}` : `(?<![\\w.])${escape(type)}`;
      copy = copy
        .replace(new RegExp(`(${kind}\\s+"${escape(type)}"\\s+")${escape(name)}"`, 'g'), `$1${name}_${i}"`)
        .replace(new RegExp(`(${prefix}\\.)${escape(name)}\\b`, 'g'), `$1${name}_${i}`);
    }
    for (const [kind, name] of vars) {
      const ref = kind === 'variable' ? 'var' : kind === 'module' ? 'module' : undefined;
      copy = copy.replace(new RegExp(`(${kind}\\s+")${escape(name)}"`, 'g'), `$1${name}_${i}"`);
      if (ref) copy = copy.replace(new RegExp(`(\\b${ref}\\.)${escape(name)}\\b`, 'g'), `$1${name}_${i}`);
    }
    parts.push(copy.replace(/^terraform\s*\{[\s\S]*?^\}/gm, ''));
  }
  return parts.join('\n');
}

const SCALERS = { arm: scaleArm, bicep: scaleBicep, terraform: scaleTerraform };

/** The text of `file` made `k` times larger, or undefined when this file cannot be scaled. */
export function scaleText(format, text, k) {
  return SCALERS[format]?.(text, k);
}
