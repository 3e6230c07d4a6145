/**
 * Fixes written as idiomatic HCL: replace a value, add an attribute to the right block or nested block
 * (creating blocks that are missing, or objects inside an azapi `body`), aligning `=` the way
 * `terraform fmt` does, and write a reasoned `# rlens-disable-next-line` comment above a resource.
 */
import type { MemberAddition, TextEdit } from '../../core/finding';
import { detectEol, type Span } from '../../core/span';
import { detectIndentUnit, indentAt } from '../../core/text-style';
import type { Literal, Value } from '../../core/value';
import { memberTree, type MemberNode } from '../../fix/member-tree';
import type { FormatWriter } from '../../model/document';
import type { Resource } from '../../model/resource';
import { formatSuppressionComment } from '../../suppress/comment';
import { parseHcl } from './parser';
import {
  templateLiteral,
  type Attribute,
  type Block,
  type Body,
  type Expr,
  type HclFile,
  type ObjectItem,
} from './syntax';

/** A literal in HCL syntax; `${` and `%{` are escaped so that a string stays literal. */
export function hclLiteral(value: Literal): string {
  if (typeof value !== 'string') return String(value);
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** A place to add members: a block body or an object constructor. */
interface Container {
  readonly open: number; // offset just after `{`
  readonly close: number; // offset of `}`
  /** Single-line members (attributes or object items) in order, with their name spans. */
  readonly members: ReadonlyArray<{ readonly nameSpan: Span; readonly span: Span; readonly name: string }>;
  /** End of the last member of any kind (blocks included). */
  readonly lastEnd?: number;
}

/** How a missing parent is written: a nested block (`a {`, azurerm) or an object attribute (`a = {`, azapi `body`). */
type NestedStyle = 'block' | 'object';

export class HclWriter implements FormatWriter {
  /** Containers this writer added members to, by offset: `mergeAdditions` writes several additions as one. */
  private readonly containers = new Map<number, { readonly container: Container; readonly nested: NestedStyle }>();

  constructor(
    private readonly text: string,
    private readonly file: string,
    /** The text's syntax tree when the caller has it (never mutated); parsed on first use otherwise. */
    private syntax?: HclFile,
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

  replaceValue(resource: Resource, target: Value, value: Literal): TextEdit[] {
    const origin = target.origin;
    const literal = (file: string): string => (/\.json$/i.test(file) ? JSON.stringify(value) : hclLiteral(value));
    if (origin && (origin.kind === 'parameter' || origin.kind === 'variable')) {
      const file = origin.file ?? resource.file;
      return [{ file, span: origin.span, newText: literal(file) }];
    }
    if (origin?.kind === 'computed' || target.kind === 'unknown') return [];
    // A module's resource is written in the module's file: its spans are offsets there.
    return [{ file: resource.file, span: target.span, newText: literal(resource.file) }];
  }

  insertProperty(resource: Resource, path: readonly string[], value: Literal): TextEdit[] {
    // Only this file's text is at hand: a module's resource gets no insertion from here.
    if (resource.file !== this.file) return [];
    const block = this.blockAt(resource.span);
    if (!block || path.length === 0) return [];
    if (resource.dialect === 'azapi') return this.insertIntoAzapiBody(block, path, value);
    let body = block.body;
    let i = 0;
    for (; i < path.length - 1; i++) {
      const nested = body.items.find((b): b is Block => b.kind === 'block' && b.type === path[i]);
      if (!nested?.closeBrace) break;
      body = nested.body;
    }
    const container = bodyContainer(body);
    if (!container) return [];
    // Missing nested blocks are written `a {` … `}`.
    return this.addMembers(container, 'block', [{ path: path.slice(i), valueText: hclLiteral(value) }]);
  }

  mergeAdditions(edits: readonly TextEdit[]): TextEdit[] {
    const open = edits[0]?.adds?.container;
    const known = open === undefined ? undefined : this.containers.get(open);
    if (!known || edits.some((e) => e.file !== this.file || e.adds?.container !== open)) return [];
    return this.addMembers(
      known.container,
      known.nested,
      edits.flatMap((e) => e.adds?.members ?? []),
    );
  }

  suppress(resource: Resource, ruleId: string, reason: string, expires?: string): TextEdit[] {
    // `.tf.json` has no comment syntax Terraform accepts everywhere: no inline suppression there.
    if (/\.json$/i.test(this.file)) return [];
    let lineStart = resource.span.start;
    while (lineStart > 0 && this.text[lineStart - 1] !== '\n' && this.text[lineStart - 1] !== '\r') lineStart--;
    const indent = indentAt(this.text, resource.span.start);
    return [
      {
        file: this.file,
        span: { start: lineStart, end: lineStart },
        newText: `${indent}# ${formatSuppressionComment(ruleId, reason, expires)}${this.eol}`,
      },
    ];
  }

  private blockAt(span: Span): Block | undefined {
    this.syntax ??= parseHcl(this.text);
    return this.syntax.body.items.find((b): b is Block => b.kind === 'block' && b.span.start === span.start);
  }

  /** azapi: the ARM path lives in the `body` object (possibly inside `jsonencode(…)`), created when missing. */
  private insertIntoAzapiBody(block: Block, path: readonly string[], value: Literal): TextEdit[] {
    const bodyAttr = block.body.items.find((a): a is Attribute => a.kind === 'attribute' && a.name === 'body');
    if (!bodyAttr) {
      const container = bodyContainer(block.body);
      if (!container) return [];
      return this.addMembers(container, 'object', [{ path: ['body', ...path], valueText: hclLiteral(value) }]);
    }
    let expr: Expr = bodyAttr.expr;
    if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args[0]) expr = expr.args[0];
    if (expr.kind !== 'object') return [];
    let obj = expr;
    let i = 0;
    for (; i < path.length - 1; i++) {
      const next = obj.items.find((it) => keyOf(it) === path[i])?.value;
      if (next?.kind !== 'object') break;
      obj = next;
    }
    return this.addMembers(objectContainer(obj), 'object', [{ path: path.slice(i), valueText: hclLiteral(value) }]);
  }

  /**
   * Adds `members` (paths below the container, values as written) to a block body or object: attributes after
   * the last single-line member with the `=` of their group aligned as `terraform fmt` aligns it, missing
   * nested blocks (`nested: 'block'`, `a {`) or objects (`'object'`, `a = {`) after the last item. Members
   * sharing a missing parent share one. The edits adding members say so (`adds`).
   */
  private addMembers(c: Container, nested: NestedStyle, members: MemberAddition['members']): TextEdit[] {
    if (members.length === 0) return [];
    this.containers.set(c.open, { container: c, nested });
    const tree = memberTree(members);
    const leaves = tree.filter((n) => n.valueText !== undefined);
    const parents = tree.filter((n) => n.valueText === undefined);
    const memberIndent = this.memberIndent(c);
    const adds = (nodes: readonly MemberNode[]): MemberAddition => ({
      container: c.open,
      members: members.filter((m) => nodes.some((n) => n.key === m.path[0])),
    });
    if (!this.text.slice(c.open, c.close).includes('\n')) {
      // `{}` or `{ a = 1 }` on one line: open it up.
      const closeIndent = indentAt(this.text, c.open);
      const existing = this.text.slice(c.open, c.close).trim();
      const lines = [...(existing ? [`${memberIndent}${existing}`] : []), ...this.lines(tree, memberIndent, nested)];
      return [
        {
          file: this.file,
          span: { start: c.open, end: c.close },
          newText: `${this.eol}${lines.join(this.eol)}${this.eol}${closeIndent}`,
          adds: { container: c.open, members },
        },
      ];
    }
    const edits: TextEdit[] = [];
    if (leaves.length > 0) {
      const group = this.alignmentGroup(c);
      const width = Math.max(...leaves.map((n) => n.key.length), ...group.map((m) => m.name.length));
      // Widen the existing members when a new name is the longest.
      for (const m of group) {
        const eq = this.text.indexOf('=', m.nameSpan.end);
        const wanted = ' '.repeat(width - m.name.length + 1);
        if (eq > 0 && this.text.slice(m.nameSpan.end, eq) !== wanted)
          edits.push({ file: this.file, span: { start: m.nameSpan.end, end: eq }, newText: wanted });
      }
      const last = c.members[c.members.length - 1];
      const at = last ? this.lineEnd(last.span.end) : this.lineEnd(c.open);
      const text = leaves
        .map((n) => `${this.eol}${memberIndent}${n.key.padEnd(width)} = ${n.valueText ?? ''}`)
        .join('');
      edits.push({ file: this.file, span: { start: at, end: at }, newText: text, adds: adds(leaves) });
    }
    if (parents.length > 0) {
      const at = this.lineEnd(c.lastEnd ?? c.open);
      edits.push({
        file: this.file,
        span: { start: at, end: at },
        newText: this.lines(parents, memberIndent, nested)
          .map((l) => `${this.eol}${l}`)
          .join(''),
        adds: adds(parents),
      });
    }
    return edits;
  }

  /** New members as lines at `indent`: attributes first, aligned among themselves, then nested blocks or objects. */
  private lines(nodes: readonly MemberNode[], indent: string, nested: NestedStyle): string[] {
    const leaves = nodes.filter((n) => n.valueText !== undefined);
    const width = Math.max(0, ...leaves.map((n) => n.key.length));
    const out = leaves.map((n) => `${indent}${n.key.padEnd(width)} = ${n.valueText ?? ''}`);
    for (const n of nodes) {
      if (n.valueText !== undefined) continue;
      const open = nested === 'block' ? `${n.key} {` : `${n.key} = {`;
      out.push(`${indent}${open}`, ...this.lines(n.children, indent + this.unit, nested), `${indent}}`);
    }
    return out;
  }

  /** The members aligned with the last one: consecutive lines, single-line values. */
  private alignmentGroup(c: Container): Container['members'] {
    const group: Array<Container['members'][number]> = [];
    for (let i = c.members.length - 1; i >= 0; i--) {
      const m = c.members[i] as Container['members'][number];
      const text = this.text.slice(m.span.start, m.span.end);
      if (text.includes('\n')) break;
      const next = group[0];
      if (next && this.text.slice(m.span.end, next.span.start).split('\n').length > 2) break;
      group.unshift(m);
    }
    // Only if nothing but blanks separates the last member from the insertion point.
    return group;
  }

  private memberIndent(c: Container): string {
    const first = c.members[0];
    if (first) return indentAt(this.text, first.nameSpan.start);
    return indentAt(this.text, c.open - 1) + this.unit;
  }

  /** End of the line holding `offset` (before its line break), past a trailing comment. */
  private lineEnd(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }
}

function keyOf(item: ObjectItem): string | undefined {
  return item.key.kind === 'variable' ? item.key.name : templateLiteral(item.key);
}

function bodyContainer(body: Body): Container | undefined {
  const attrs = body.items.filter((a): a is Attribute => a.kind === 'attribute');
  const last = body.items[body.items.length - 1];
  return {
    open: body.span.start,
    close: body.span.end,
    members: attrs.map((a) => ({ nameSpan: a.nameSpan, span: a.span, name: a.name })),
    ...(last ? { lastEnd: last.span.end } : {}),
  };
}

function objectContainer(obj: Extract<Expr, { kind: 'object' }>): Container {
  const last = obj.items[obj.items.length - 1];
  return {
    open: obj.span.start + 1,
    close: obj.span.end - 1,
    members: obj.items.map((it) => ({ nameSpan: it.key.span, span: it.span, name: keyOf(it) ?? '' })),
    ...(last ? { lastEnd: last.span.end } : {}),
  };
}
