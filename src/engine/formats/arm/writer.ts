/**
 * Fixes for ARM JSON: replace a value, insert a missing property (creating parent objects), write a
 * suppression in `metadata`. Edits follow the file's indentation and line breaks and keep it valid JSON.
 */
import type { MemberAddition, TextEdit } from '../../core/finding';
import { detectEol } from '../../core/span';
import { detectIndentUnit, LinePositions } from '../../core/text-style';
import { getProperty, type Literal, type ObjectValue, type Value, isWrittenInPlace } from '../../core/value';
import { memberTree, type MemberNode } from '../../fix/member-tree';
import type { FormatWriter } from '../../model/document';
import type { Resource } from '../../model/resource';
import { ARM_SUPPRESSION_KEY } from './suppressions';

export class ArmWriter implements FormatWriter {
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
  private linesCache: LinePositions | undefined;
  private get lines(): LinePositions {
    return (this.linesCache ??= new LinePositions(this.text));
  }

  replaceValue(_resource: Resource, target: Value, value: Literal): TextEdit[] {
    const origin = target.origin;
    if (origin && (origin.kind === 'parameter' || origin.kind === 'variable')) {
      // The insecure literal lives in a parameter default, a parameter file or a variable: fix it there.
      return [
        {
          file: origin.kind === 'parameter' && origin.file ? origin.file : this.file,
          span: origin.span,
          newText: JSON.stringify(value),
        },
      ];
    }
    if (origin?.kind === 'computed') return [];
    return [{ file: this.file, span: target.span, newText: JSON.stringify(value) }];
  }

  insertProperty(resource: Resource, path: readonly string[], value: Literal): TextEdit[] {
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
    return this.insertMembers(obj, [{ path: path.slice(i), valueText: JSON.stringify(value) }]);
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
    const fields: Array<[string, string]> = [
      ['rule', ruleId],
      ['reason', reason.replace(/[\r\n]+/g, ' ').trim()],
      ...(expires ? [['until', expires] as [string, string]] : []),
    ];
    const entry = `{ ${fields.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    const metadata = getProperty(resource.body, 'metadata')?.value;
    if (metadata?.kind === 'object' && isWrittenInPlace(metadata)) {
      const list = getProperty(metadata, ARM_SUPPRESSION_KEY)?.value;
      if (list?.kind === 'array' && isWrittenInPlace(list))
        return this.appendRaw(
          list.span,
          list.items.map((x) => x.span),
          entry,
        );
      return this.insertMembers(metadata, [{ path: [ARM_SUPPRESSION_KEY], valueText: `[${entry}]` }]);
    }
    return this.insertMembers(resource.body, [{ path: ['metadata', ARM_SUPPRESSION_KEY], valueText: `[${entry}]` }]);
  }

  /**
   * Adds `members` (paths below `obj`, values as written) as the last members of `obj`, in one edit: members
   * sharing a missing parent share one parent object. The edit says what it adds (`adds`).
   */
  private insertMembers(obj: ObjectValue, members: MemberAddition['members']): TextEdit[] {
    const last = obj.properties[obj.properties.length - 1];
    const open = obj.span.start;
    if (this.text[open] !== '{' || members.length === 0) return [];
    this.containers.set(open, obj);
    const adds: MemberAddition = { container: open, members };
    const tree = memberTree(members);
    if (last && this.lines.sameLine(open, obj.span.end)) {
      // A one-line object (`{ "a": 1 }`) gets the new members on the same line.
      const inline = tree.map((n) => this.member(n, '', true)).join(', ');
      return [{ file: this.file, span: { start: last.span.end, end: last.span.end }, newText: `, ${inline}`, adds }];
    }
    const memberIndent = last ? this.lines.indentAt(last.keySpan.start) : this.lines.indentAt(open) + this.unit;
    const body = tree.map((n) => this.member(n, memberIndent, false)).join(`,${this.eol}${memberIndent}`);
    if (last) {
      const after = this.afterComma(last.span.end);
      // A trailing `// comment` stays with its own line: the new members go after the line ends.
      const at = after ?? last.span.end;
      const point = this.commentLineEnd(at) ?? at;
      // Without a trailing comma, one is added after the last value: one edit from there, keeping what lies between.
      const start = after === undefined ? last.span.end : point;
      const lead = after === undefined ? `,${this.text.slice(last.span.end, point)}` : '';
      return [
        { file: this.file, span: { start, end: point }, newText: `${lead}${this.eol}${memberIndent}${body}`, adds },
      ];
    }
    const closeIndent = this.lines.indentAt(open);
    return [
      {
        file: this.file,
        span: { start: open + 1, end: obj.span.end - 1 },
        newText: `${this.eol}${memberIndent}${body}${this.eol}${closeIndent}`,
        adds,
      },
    ];
  }

  private appendRaw(
    arraySpan: { start: number; end: number },
    items: readonly { end: number }[],
    raw: string,
  ): TextEdit[] {
    const last = items[items.length - 1];
    if (!last) return [{ file: this.file, span: { start: arraySpan.start + 1, end: arraySpan.end - 1 }, newText: raw }];
    return [{ file: this.file, span: { start: last.end, end: last.end }, newText: `, ${raw}` }];
  }

  /** Text of one member (`"a": { "b": 1 }`), multi-line unless `inline`. */
  private member(n: MemberNode, indent: string, inline: boolean): string {
    const key = JSON.stringify(n.key);
    if (n.valueText !== undefined) return `${key}: ${n.valueText}`;
    if (inline) return `${key}: { ${n.children.map((c) => this.member(c, '', true)).join(', ')} }`;
    const inner = indent + this.unit;
    return `${key}: {${this.eol}${inner}${n.children.map((c) => this.member(c, inner, false)).join(`,${this.eol}${inner}`)}${this.eol}${indent}}`;
  }

  /** When only blanks and a `//` comment follow `offset` on its line, the offset where that line ends. */
  private commentLineEnd(offset: number): number | undefined {
    let i = offset;
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    if (!this.text.startsWith('//', i)) return undefined;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }

  /** The offset just after a trailing comma following `offset` (skipping blanks and comments), if any. */
  private afterComma(offset: number): number | undefined {
    let i = offset;
    while (i < this.text.length && /\s/.test(this.text[i] as string)) i++;
    return this.text[i] === ',' ? i + 1 : undefined;
  }
}
