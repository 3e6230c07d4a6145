/**
 * `.tf.json`: Terraform's JSON syntax read into the same tree as native HCL. Top-level block types with
 * labels (`resource`, `data`, `module`, …) become blocks; inside bodies, JSON objects and arrays stay
 * attributes holding object/tuple expressions (JSON cannot tell a nested block from a map without the
 * provider schema, and the adapters read both alike). Strings holding `${`/`%{` are parsed as templates.
 */
import { parseTree, visit, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from '../../core/span';
import { describeJsonError, firstPerLine } from '../json-errors';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../arm/guard';
import { Cursor } from './cursor';
import { lex } from './lexer';
import type { Attribute, Block, BlockLabel, Expr, HclComment, HclDiagnostic, HclFile, ObjectItem } from './syntax';
import { parseTemplateRange } from './templates';

const sp = (start: number, end: number): Span => ({ start, end });
const nodeSpan = (n: JsonNode): Span => sp(n.offset, n.offset + n.length);

/** How many labels each top-level block type takes in JSON (nesting one object per label). */
const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 0,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  check: 1,
  removed: 0,
};

/** Deep enough for any real file, shallow enough for the recursive walk below. */
const MAX_EXPR_DEPTH = 200;

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/**
 * jsonc-parser's tree, unless the text nests deeper than ARM's guard allows (its parser recurses once per
 * level, and 5,000 levels overflowed the stack): then no tree and a diagnostic saying why.
 */
function parseGuarded(text: string, diagnostics: HclDiagnostic[]): JsonNode | undefined {
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
    diagnostics.push({ message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels was not analysed`, span: sp(0, 0) });
    return undefined;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  for (const e of firstPerLine(text, errors, 50)) {
    diagnostics.push({
      message: `invalid JSON: ${describeJsonError(text, e)}`,
      span: sp(e.offset, e.offset + e.length),
    });
  }
  return root;
}

/** Parses a `.tf.json` file. Never throws. */
export function parseTfJson(text: string): HclFile {
  const diagnostics: HclDiagnostic[] = [];
  const root = parseGuarded(text, diagnostics);
  const comments: HclComment[] = [];
  if (root)
    visit(text, {
      onComment: (offset, length) =>
        void comments.push({ span: sp(offset, offset + length), text: text.slice(offset, offset + length) }),
    });
  const items: (Attribute | Block)[] = [];
  if (root?.type === 'object') {
    for (const prop of root.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value || typeof key.value !== 'string') continue;
      const labels = LABELS[key.value];
      if (labels === undefined) continue;
      items.push(...blocks(text, key.value, nodeSpan(key), value, labels, [], diagnostics));
    }
  } else if (root) {
    diagnostics.push({ message: 'a .tf.json file must hold a JSON object', span: nodeSpan(root) });
  }
  return { body: { items, span: sp(0, text.length) }, comments, diagnostics };
}

/**
 * A `.tfvars.json` file: one JSON object whose members are variable values, read as attributes (a value that
 * is not valid JSON syntax is reported like any JSON error).
 */
export function parseTfvarsJson(text: string): HclFile {
  const diagnostics: HclDiagnostic[] = [];
  const root = parseGuarded(text, diagnostics);
  const items = root?.type === 'object' ? attributes(text, root, diagnostics) : [];
  return { body: { items, span: sp(0, text.length) }, comments: [], diagnostics };
}

/** Unwraps `labels` levels of `{ "label": … }` objects into blocks; a body may be an object or an array of them. */
function blocks(
  text: string,
  type: string,
  typeSpan: Span,
  node: JsonNode,
  labels: number,
  taken: BlockLabel[],
  diags: HclDiagnostic[],
): Block[] {
  if (labels > 0) {
    if (node.type !== 'object') {
      diags.push({ message: `expected an object of '${type}' labels`, span: nodeSpan(node) });
      return [];
    }
    const out: Block[] = [];
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || !value || typeof key.value !== 'string') continue;
      out.push(
        ...blocks(
          text,
          type,
          typeSpan,
          value,
          labels - 1,
          [...taken, { value: key.value, span: nodeSpan(key), quoted: true }],
          diags,
        ),
      );
    }
    return out;
  }
  const bodies = node.type === 'array' ? (node.children ?? []) : [node];
  const out: Block[] = [];
  for (const bodyNode of bodies) {
    if (bodyNode.type !== 'object') {
      diags.push({ message: `expected an object for the '${type}' body`, span: nodeSpan(bodyNode) });
      continue;
    }
    const span = nodeSpan(bodyNode);
    out.push({
      kind: 'block',
      type,
      typeSpan,
      labels: taken,
      body: { items: attributes(text, bodyNode, diags), span: sp(span.start + 1, span.end - 1) },
      openBrace: sp(span.start, span.start + 1),
      closeBrace: sp(span.end - 1, span.end),
      span: sp(taken[0]?.span.start ?? typeSpan.start, span.end),
    });
  }
  return out;
}

function attributes(text: string, obj: JsonNode, diags: HclDiagnostic[]): Attribute[] {
  const out: Attribute[] = [];
  for (const prop of obj.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (!key || !value || typeof key.value !== 'string' || key.value === '//') continue;
    const expr = toExpr(text, value, diags, 0);
    out.push({
      kind: 'attribute',
      name: key.value,
      nameSpan: nodeSpan(key),
      expr,
      span: sp(key.offset, expr.span.end),
    });
  }
  return out;
}

function toExpr(text: string, node: JsonNode, diags: HclDiagnostic[], depth: number): Expr {
  const span = nodeSpan(node);
  if (depth > MAX_EXPR_DEPTH) {
    if (depth === MAX_EXPR_DEPTH + 1) diags.push({ message: `JSON nested deeper than ${MAX_EXPR_DEPTH} levels`, span });
    return { kind: 'error', span };
  }
  switch (node.type) {
    case 'object': {
      const items: ObjectItem[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        const keyExpr = toExpr(text, key, diags, depth + 1);
        const valueExpr = toExpr(text, value, diags, depth + 1);
        items.push({ key: keyExpr, value: valueExpr, span: sp(key.offset, valueExpr.span.end) });
      }
      return { kind: 'object', items, span };
    }
    case 'array':
      return { kind: 'tuple', items: (node.children ?? []).map((c) => toExpr(text, c, diags, depth + 1)), span };
    case 'string':
      return stringExpr(text, node, diags);
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'literal', value: node.value as number | boolean | null, span };
    default:
      return { kind: 'error', span };
  }
}

/** A JSON string is a template: literal unless it holds `${` or `%{`. */
function stringExpr(text: string, node: JsonNode, diags: HclDiagnostic[]): Expr {
  const span = nodeSpan(node);
  const value = typeof node.value === 'string' ? node.value : '';
  if (!value.includes('${') && !value.includes('%{')) {
    return { kind: 'template', parts: [{ kind: 'literal', value, span }], style: 'json', span };
  }
  const tokens = lex(text, { templateRange: { start: span.start + 1, end: span.end - 1 } });
  const local: HclDiagnostic[] = [...tokens.diagnostics];
  const p = new Cursor(text, tokens, false, local);
  const parts = parseTemplateRange(p);
  diags.push(...local);
  return { kind: 'template', parts, style: 'json', span };
}
