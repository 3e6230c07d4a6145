/**
 * Fixes in idiomatic Bicep: single-quoted strings, members on their own lines (no commas), the file's
 * indentation and line breaks, `properties: { … }` created when missing, suppressions as a comment line
 * above the resource.
 */
import type { MemberAddition, TextEdit } from '../../core/finding';
import { detectEol } from '../../core/span';
import { detectIndentUnit, indentAt, sameLine } from '../../core/text-style';
import { getProperty, type Literal, type ObjectValue, type Value, isWrittenInPlace } from '../../core/value';
import { memberTree, type MemberNode } from '../../fix/member-tree';
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

  /** Objects this writer added members to, by offset: `mergeAdditions` writes several additions as one. */
  private readonly containers = new Map<number, ObjectValue>();

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
    return this.insertMembers(obj, [{ path: path.slice(i), valueText: bicepLiteral(value) }]);
  }

  mergeAdditions(edits: readonly TextEdit[]): TextEdit[] {
    const container = edits[0]?.adds?.container;
    const obj = container === undefined ? undefined : this.containers.get(container);
    if (!obj || edits.some((e) => e.file !== this.file || e.adds?.container !== container)) return [];
    return this.insertMembers(
      obj,
      edits.flatMap((e) => e.adds?.members ?? []),
    );
  }

  suppress(resource: Resource, ruleId: string, reason: string, expires?: string): TextEdit[] {
    if (resource.file !== this.file) return [];
    let lineStart = resource.span.start;
    while (lineStart > 0 && this.text[lineStart - 1] !== '\n' && this.text[lineStart - 1] !== '\r') lineStart--;
    const indent = indentAt(this.text, resource.span.start);
    return [
      {
        file: this.file,
        span: { start: lineStart, end: lineStart },
        newText: `${indent}// ${formatSuppressionComment(ruleId, reason, expires)}${this.eol}`,
      },
    ];
  }

  /**
   * Adds `members` (paths below `obj`, values as written) as the last members of `obj`, in one edit: members
   * sharing a missing parent share one parent object. The edit says what it adds (`adds`).
   */
  private insertMembers(obj: ObjectValue, members: MemberAddition['members']): TextEdit[] {
    const open = obj.span.start;
    if (this.text[open] !== '{' || members.length === 0) return [];
    this.containers.set(open, obj);
    const adds: MemberAddition = { container: open, members };
    const tree = memberTree(members);
    const last = obj.properties[obj.properties.length - 1];
    if (last && sameLine(this.text, open, obj.span.end)) {
      // `{ a: 1 }` on one line: Bicep separates members on one line with commas.
      const inline = tree.map((n) => this.member(n, '', true)).join(', ');
      return [{ file: this.file, span: { start: last.span.end, end: last.span.end }, newText: `, ${inline}`, adds }];
    }
    const memberIndent = last ? indentAt(this.text, last.keySpan.start) : indentAt(this.text, open) + this.unit;
    const body = tree.map((n) => this.member(n, memberIndent, false)).join(`${this.eol}${memberIndent}`);
    if (last) {
      // After the last member's line, so that a trailing comment stays where it is.
      let at = last.span.end;
      while (at < this.text.length && this.text[at] !== '\n' && this.text[at] !== '\r') at++;
      return [{ file: this.file, span: { start: at, end: at }, newText: `${this.eol}${memberIndent}${body}`, adds }];
    }
    const closeIndent = indentAt(this.text, open);
    return [
      {
        file: this.file,
        span: { start: open + 1, end: obj.span.end - 1 },
        newText: `${this.eol}${memberIndent}${body}${this.eol}${closeIndent}`,
        adds,
      },
    ];
  }

  private member(n: MemberNode, indent: string, inline: boolean): string {
    if (n.valueText !== undefined) return `${bicepKey(n.key)}: ${n.valueText}`;
    if (inline) return `${bicepKey(n.key)}: { ${n.children.map((c) => this.member(c, '', true)).join(', ')} }`;
    const inner = indent + this.unit;
    return `${bicepKey(n.key)}: {${this.eol}${inner}${n.children.map((c) => this.member(c, inner, false)).join(`${this.eol}${inner}`)}${this.eol}${indent}}`;
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

  mergeAdditions(edits: readonly TextEdit[]): TextEdit[] {
    const file = edits[0]?.file;
    return file === undefined ? [] : (this.writers.get(file) ?? this.root).mergeAdditions(edits);
  }
}
