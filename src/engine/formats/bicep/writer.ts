/**
 * Fixes in idiomatic Bicep: single-quoted strings, members on their own lines (no commas), the file's
 * indentation and line breaks, `properties: { … }` created when missing, suppressions as a comment line
 * above the resource.
 */
import type { TextEdit } from '../../core/finding';
import { detectEol } from '../../core/span';
import { detectIndentUnit, indentAt, sameLine } from '../../core/text-style';
import { getProperty, type Literal, type ObjectValue, type Value, isWrittenInPlace } from '../../core/value';
import type { FormatWriter } from '../../model/document';
import type { Resource } from '../../model/resource';
import { formatSuppressionComment } from '../../suppress/comment';

/** A literal as Bicep writes it. */
export function bicepLiteral(value: Literal): string {
  if (typeof value === 'string') {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
  }
  return value === null ? 'null' : String(value);
}

function bicepKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : bicepLiteral(key);
}

export class BicepWriter implements FormatWriter {

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  // Read on first use: most documents never need a fix written, and scanning the text for its style cost
  // every analysis (and every module a template calls) a pass over the text.
  private eolCache: string | undefined;
  private unitCache: string | undefined;
  private get eol(): string {
    return (this.eolCache ??= detectEol(this.text));
  }
  private get unit(): string {
    return (this.unitCache ??= detectIndentUnit(this.text));
  }

  replaceValue(_resource: Resource, target: Value, value: Literal): TextEdit[] {
    const origin = target.origin;
    if (origin && (origin.kind === 'parameter' || origin.kind === 'variable')) {
      // The literal lives in a parameter default, a .bicepparam entry or a variable: fix it there.
      const file = origin.file ?? this.file;
      return [{ file, span: origin.span, newText: bicepLiteral(value) }];
    }
    if (origin?.kind === 'computed') return [];
    return [{ file: this.file, span: target.span, newText: bicepLiteral(value) }];
  }

  insertProperty(resource: Resource, path: readonly string[], value: Literal): TextEdit[] {
    if (resource.file !== this.file) return [];
    let obj: ObjectValue = resource.body;
    let i = 0;
    for (; i < path.length - 1; i++) {
      const next = getProperty(obj, path[i] as string)?.value;
      if (!next) break;
      if (next.kind !== 'object' || !isWrittenInPlace(next)) return [];
      obj = next;
    }
    const existing = getProperty(obj, path[path.length - 1] as string);
    if (existing && i === path.length - 1) return this.replaceValue(resource, existing.value, value);
    return this.insert(obj, path.slice(i), bicepLiteral(value));
  }

  suppress(resource: Resource, ruleId: string, reason: string, expires?: string): TextEdit[] {
    if (resource.file !== this.file) return [];
    let lineStart = resource.span.start;
    while (lineStart > 0 && this.text[lineStart - 1] !== '\n' && this.text[lineStart - 1] !== '\r') lineStart--;
    const indent = indentAt(this.text, resource.span.start);
    return [{ file: this.file, span: { start: lineStart, end: lineStart }, newText: `${indent}// ${formatSuppressionComment(ruleId, reason, expires)}${this.eol}` }];
  }

  /** Inserts `a: { b: raw }` for path [a, b] as the last member of `obj` (an object literal in the text). */
  private insert(obj: ObjectValue, path: readonly string[], raw: string): TextEdit[] {
    const open = obj.span.start;
    if (this.text[open] !== '{') return [];
    const last = obj.properties[obj.properties.length - 1];
    if (last && sameLine(this.text, open, obj.span.end)) {
      // `{ a: 1 }` on one line: Bicep separates members on one line with commas.
      return [{ file: this.file, span: { start: last.span.end, end: last.span.end }, newText: `, ${this.member(path, raw, '', true)}` }];
    }
    const memberIndent = last ? indentAt(this.text, last.keySpan.start) : indentAt(this.text, open) + this.unit;
    const member = this.member(path, raw, memberIndent, false);
    if (last) {
      // After the last member's line, so that a trailing comment stays where it is.
      let at = last.span.end;
      while (at < this.text.length && this.text[at] !== '\n' && this.text[at] !== '\r') at++;
      return [{ file: this.file, span: { start: at, end: at }, newText: `${this.eol}${memberIndent}${member}` }];
    }
    const closeIndent = indentAt(this.text, open);
    return [{ file: this.file, span: { start: open + 1, end: obj.span.end - 1 }, newText: `${this.eol}${memberIndent}${member}${this.eol}${closeIndent}` }];
  }

  private member(path: readonly string[], raw: string, indent: string, inline: boolean): string {
    const [head = '', ...rest] = path;
    if (rest.length === 0) return `${bicepKey(head)}: ${raw}`;
    if (inline) return `${bicepKey(head)}: { ${this.member(rest, raw, '', true)} }`;
    const inner = indent + this.unit;
    return `${bicepKey(head)}: {${this.eol}${inner}${this.member(rest, raw, inner, false)}${this.eol}${indent}}`;
  }
}

/**
 * The writer of an analysis that spans files (modules, the template behind a `.bicepparam` file): each
 * resource is fixed in its own file, by that file's writer.
 */
export class FilesWriter implements FormatWriter {
  private readonly writers = new Map<string, FormatWriter>();

  constructor(private readonly root: FormatWriter) {}

  add(file: string, writer: FormatWriter): void {
    if (!this.writers.has(file)) this.writers.set(file, writer);
  }

  private of(resource: Resource): FormatWriter {
    return this.writers.get(resource.file) ?? this.root;
  }

  replaceValue(resource: Resource, target: Value, value: Literal): TextEdit[] {
    return this.of(resource).replaceValue(resource, target, value);
  }

  insertProperty(resource: Resource, path: readonly string[], value: Literal): TextEdit[] {
    return this.of(resource).insertProperty(resource, path, value);
  }

  suppress(resource: Resource, ruleId: string, reason: string, expires?: string): TextEdit[] {
    return this.of(resource).suppress(resource, ruleId, reason, expires);
  }
}
