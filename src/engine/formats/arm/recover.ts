/**
 * A template being typed is briefly invalid JSON: a key cut short, a closing quote not typed yet, a `{` not closed
 * yet. jsonc-parser recovers from some of these by swallowing the rest of the file into the broken value, so every
 * finding after the edit would vanish (or move) on each keystroke. This pass finds the broken lines the way a
 * reader does, by lines and indentation, and blanks them (spaces of the same length, so every offset still points
 * into the real text); the parse of the result keeps everything else. It runs only on text that failed to parse.
 */

interface Opener {
  readonly char: '{' | '[';
  readonly line: number;
  readonly indent: number;
  /** The opener is the last token of its line (`"x": {`), so its contents are the lines below. */
  readonly endsLine: boolean;
}

interface LineShape {
  /** A string runs to the end of the line without its closing quote. */
  readonly unterminated: boolean;
  /** First token: a string, a bracket, or another character ('' for a blank or comment-only line). */
  readonly first: string;
  /** The first token is a string and `:` follows it on the line. */
  readonly keyWithColon: boolean;
  /** Nothing but a comment follows that `:` (`"key":` with its value deleted). */
  readonly valueMissing: boolean;
  /** Brackets outside strings and comments, in order. */
  readonly brackets: readonly string[];
  /** The line ends inside a block comment. */
  readonly inComment: boolean;
}

function shapeOf(line: string, inComment: boolean): LineShape {
  const brackets: string[] = [];
  let first = '';
  let firstStringEnd = -1;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (inComment) {
      const end = line.indexOf('*/', i);
      if (end < 0)
        return { unterminated: false, first, keyWithColon: false, valueMissing: false, brackets, inComment: true };
      inComment = false;
      i = end + 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && line[i + 1] === '/') break;
    if (c === '/' && line[i + 1] === '*') {
      inComment = true;
      i += 2;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length)
        return {
          unterminated: true,
          first: first || '"',
          keyWithColon: false,
          valueMissing: false,
          brackets,
          inComment: false,
        };
      if (first === '') {
        first = '"';
        firstStringEnd = j + 1;
      }
      i = j + 1;
      continue;
    }
    if (first === '') first = c;
    if (c === '{' || c === '[' || c === '}' || c === ']') brackets.push(c);
    i++;
  }
  const afterKey = first === '"' ? /^\s*:(.*)$/.exec(line.slice(firstStringEnd)) : null;
  const valueMissing = afterKey !== null && /^\s*(\/\/.*|\/\*.*)?$/.test(afterKey[1] ?? '');
  return { unterminated: false, first, keyWithColon: afterKey !== null, valueMissing, brackets, inComment };
}

/** Longer lines than any person types: generated or minified JSON, where a line-based repair does not apply. */
const MAX_LINE = 10_000;

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Lines that are blank, or only a comment, say nothing about structure. */
const isBlank = (s: LineShape): boolean => s.first === '' && s.brackets.length === 0;

/**
 * `text` with its half-typed lines blanked: lines with a string left open at the line end, keys without a colon
 * inside an object, and objects or arrays opened at the end of a line whose next line is not indented deeper than
 * the opener (the contents and the closer were never typed; a person's indentation says where they would end).
 * Real templates are not always indented with care, so the caller tries `byIndentation` only when the rest did
 * not give a clean parse.
 */
export function blankHalfTypedLines(text: string, byIndentation: boolean): string {
  const lines = text.split('\n');
  // Lines say nothing about the structure of minified (or mangled) JSON written on a few very long lines.
  if (lines.some((l) => l.length > MAX_LINE)) return text;
  const blank = new Set<number>();
  const stack: Opener[] = [];
  let inComment = false;
  // After a blanked line, the lines indented deeper were its value (`"resources": [` cut to `"re`), and a lone
  // closer at its indentation ends that value: they go too, or they would land in the enclosing object.
  let orphansBelow: number | undefined;
  const unclosed: { from: number; to: number; sibling: boolean }[] = [];
  let balance = 0;
  let orphans = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    const shape = shapeOf(line, inComment);
    inComment = shape.inComment;
    if (isBlank(shape)) continue;
    const indent = indentOf(line);
    if (orphansBelow !== undefined) {
      const deeper = indent > orphansBelow;
      const endsOrphans = !deeper && orphans > 0 && indent === orphansBelow && /^\s*[}\]]\s*,?\s*$/.test(line);
      if (deeper || endsOrphans) {
        blank.add(n);
        orphans++;
        if (deeper) continue;
      }
      orphansBelow = undefined;
      if (endsOrphans) continue;
    }
    // An opener at the end of a line whose next line is not deeper (and does not close it) was never finished.
    // Only a property or a closer says so: some templates write array elements at their array's indentation.
    const structural = byIndentation && (shape.keyWithColon || shape.first === '}' || shape.first === ']');
    for (
      let top = stack[stack.length - 1];
      structural && top?.endsLine && indent <= top.indent && !closes(shape.first, top.char);
      top = stack[stack.length - 1]
    ) {
      stack.pop();
      const previous = lastNonBlank(lines, top.line);
      unclosed.push({
        from: top.line,
        to: n,
        sibling: previous !== undefined && indentOf(lines[previous] as string) === top.indent,
      });
    }
    const inObject = stack[stack.length - 1]?.char === '{';
    if (
      shape.unterminated ||
      shape.valueMissing ||
      (inObject && shape.first === '"' && !shape.keyWithColon) ||
      (inObject && /^[A-Za-z_]$/.test(shape.first))
    ) {
      blank.add(n);
      orphansBelow = indent;
      orphans = 0;
      continue;
    }
    const last = shape.brackets.length - 1;
    shape.brackets.forEach((b, i) => {
      balance += b === '{' || b === '[' ? 1 : -1;
      if (b === '{' || b === '[')
        stack.push({ char: b, line: n, indent, endsLine: i === last && /[{[]\s*(\/\/.*)?$/.test(line.trimEnd()) });
      else if (stack.length > 0) stack.pop();
    });
  }
  // Indentation is only a hint (not every template is indented with care): as many openers as the brackets lack
  // closers, those written beside a sibling (a line typed between properties) first, then the last ones.
  const chosen = [...unclosed]
    .sort((a, b) => Number(b.sibling) - Number(a.sibling) || b.from - a.from)
    .slice(0, Math.max(0, balance));
  // Ranges may nest; a running count over lines keeps this linear however many there are.
  const depth = new Int32Array(lines.length + 1);
  for (const u of chosen) {
    depth[u.from] = (depth[u.from] ?? 0) + 1;
    depth[u.to] = (depth[u.to] ?? 0) - 1;
  }
  for (let k = 0, open = 0; k < lines.length; k++) {
    open += depth[k] as number;
    if (open > 0) blank.add(k);
  }
  if (blank.size === 0) return text;
  return lines.map((l, n) => (blank.has(n) ? l.replace(/[^\r]/g, ' ') : l)).join('\n');
}

function lastNonBlank(lines: readonly string[], before: number): number | undefined {
  for (let k = before - 1; k >= 0; k--) if ((lines[k] as string).trim() !== '') return k;
  return undefined;
}

const closes = (first: string, opener: '{' | '['): boolean => (opener === '{' ? first === '}' : first === ']');
