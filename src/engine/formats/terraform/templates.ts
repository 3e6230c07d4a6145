/**
 * String templates: quoted strings and heredocs with `${…}` interpolations, `%{if}`/`%{for}` directives and
 * `~` strip markers. Literal parts are decoded (escapes, `$${`, flush-heredoc indentation); spans stay raw.
 */
import type { Span } from '../../core/span';
import { Cursor, MAX_DEPTH } from './cursor';
import {
  T_CHEREDOC,
  T_COMMA,
  T_CONTROL,
  T_CQUOTE,
  T_IDENT,
  T_INTERP,
  T_QUOTED_LIT,
  T_SEQ_END,
  T_STRING_LIT,
} from './lexer';
import { parseExpr } from './expressions';
import type { Expr, TemplatePart } from './syntax';
import { trimEndOf, trimStartOf } from '../../core/trim';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type LiteralPart = Mutable<Extract<TemplatePart, { kind: 'literal' }>>;

const sp = (start: number, end: number): Span => ({ start, end });

export function parseQuoted(p: Cursor): Expr {
  const start = p.start();
  p.advance();
  const parts = parseParts(p, true);
  let end = p.prevEnd();
  if (p.kindAt(p.i) === T_CQUOTE) {
    end = p.end();
    p.advance();
  } else p.error('expected the closing quote', sp(start, start + 1));
  return { kind: 'template', parts, style: 'quoted', span: sp(start, Math.max(end, start + 1)) };
}

export function parseHeredoc(p: Cursor): Expr {
  const start = p.start();
  const flush = p.text.charCodeAt(start + 2) === 45; // `<<-`
  p.advance();
  const parts = parseParts(p, false);
  let end = p.prevEnd();
  if (p.kindAt(p.i) === T_CHEREDOC) {
    end = p.end();
    p.advance();
  } else p.error('expected the heredoc terminator', sp(start, start + 2));
  if (flush) dedent(parts, p.text);
  return { kind: 'template', parts, style: 'heredoc', span: sp(start, end) };
}

/** The parts of a template lexed with `templateRange` (a `.tf.json` string), up to its synthetic end. */
export function parseTemplateRange(p: Cursor): TemplatePart[] {
  return parseParts(p, true);
}

/** Parts up to a closing quote, heredoc terminator, or a directive keyword that belongs to the caller. */
function parseParts(p: Cursor, quoted: boolean): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let stripNext = false;
  const stripPrevious = (): void => {
    const last = parts[parts.length - 1];
    if (last?.kind === 'literal') (last as LiteralPart).value = trimEndOf(last.value, ' \t\r\n');
  };
  for (;;) {
    const k = p.kindAt(p.i);
    if (k === T_QUOTED_LIT || k === T_STRING_LIT) {
      const raw = p.tokenText();
      let value = k === T_QUOTED_LIT ? decodeQuoted(raw) : decodeHeredoc(raw);
      if (stripNext) value = trimStartOf(value, ' \t\r\n');
      stripNext = false;
      parts.push({ kind: 'literal', value, span: sp(p.start(), p.end()) });
      p.advance();
      continue;
    }
    if (k !== T_INTERP && k !== T_CONTROL) return parts;
    if (p.end() - p.start() === 3) stripPrevious();
    if (k === T_CONTROL) {
      const keyword = p.kindAt(p.i + 1) === T_IDENT ? p.tokenText(p.i + 1) : '';
      if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') return parts;
      const part = keyword === 'if' || keyword === 'for' ? parseDirective(p, keyword, quoted) : badDirective(p);
      if (part) parts.push(part);
      stripNext = closedWithStrip(p);
      continue;
    }
    const start = p.start();
    p.advance();
    const expr = p.withNewlines(true, () => parseExpr(p));
    const end = closeSequence(p);
    stripNext = closedWithStrip(p);
    parts.push({ kind: 'interp', expr, span: sp(start, end) });
  }
}

/** Whether the sequence just closed ended with `~}`. */
function closedWithStrip(p: Cursor): boolean {
  const prev = p.i - 1;
  return prev >= 0 && p.kindAt(prev) === T_SEQ_END && p.end(prev) - p.start(prev) === 2;
}

/** Consumes the `}` that ends an interpolation or directive, skipping junk before it. Returns its end. */
function closeSequence(p: Cursor): number {
  if (p.kind() !== T_SEQ_END) {
    p.errorHere("expected '}' to close the template sequence");
    p.skipNested();
  }
  const end = p.end();
  if (p.kind() === T_SEQ_END) p.advance();
  return end;
}

function badDirective(p: Cursor): undefined {
  p.error('expected if, for, else, endif or endfor after %{', sp(p.start(), p.end()));
  p.advance();
  closeSequence(p);
  return undefined;
}

/** `%{ if cond }…%{ else }…%{ endif }` or `%{ for k, v in coll }…%{ endfor }`. */
function parseDirective(p: Cursor, keyword: 'if' | 'for', quoted: boolean): TemplatePart {
  const start = p.start();
  p.advance(); // %{
  p.advance(); // keyword
  if (p.depth >= MAX_DEPTH) {
    p.error(`template nested deeper than ${MAX_DEPTH} levels`, sp(start, p.end()));
    p.skipNested();
    return { kind: 'literal', value: '', span: sp(start, closeSequence(p)) };
  }
  p.depth++;
  let part: TemplatePart;
  if (keyword === 'if') {
    const cond = p.withNewlines(true, () => parseExpr(p));
    closeSequence(p);
    const then = parseParts(p, quoted);
    let otherwise: TemplatePart[] | undefined;
    if (atKeyword(p, 'else')) {
      p.advance();
      p.advance();
      closeSequence(p);
      otherwise = parseParts(p, quoted);
    }
    part = { kind: 'if', cond, then, else: otherwise, span: sp(start, endDirective(p, 'endif', start)) };
  } else {
    const head = p.withNewlines(true, () => {
      const names: string[] = [];
      while (p.kind() === T_IDENT && p.tokenText() !== 'in') {
        names.push(p.tokenText());
        p.advance();
        p.eat(T_COMMA);
      }
      if (p.kind() === T_IDENT) p.advance();
      else p.errorHere("expected 'in' in the for directive");
      return { names, collection: parseExpr(p) };
    });
    closeSequence(p);
    const body = parseParts(p, quoted);
    const [a, b] = head.names;
    part = {
      kind: 'for',
      keyVar: b === undefined ? undefined : a,
      valueVar: b ?? a ?? '',
      collection: head.collection,
      body,
      span: sp(start, endDirective(p, 'endfor', start)),
    };
  }
  p.depth--;
  return part;
}

function atKeyword(p: Cursor, keyword: string): boolean {
  return p.kindAt(p.i) === T_CONTROL && p.kindAt(p.i + 1) === T_IDENT && p.tokenText(p.i + 1) === keyword;
}

function endDirective(p: Cursor, keyword: string, start: number): number {
  if (!atKeyword(p, keyword)) {
    p.error(`missing %{ ${keyword} }`, sp(start, start + 2));
    return p.prevEnd();
  }
  p.advance();
  p.advance();
  return closeSequence(p);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Decodes a quoted-string literal: backslash escapes, `$${` and `%%{`. */
export function decodeQuoted(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\') {
      const e = raw[i + 1] ?? '';
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i++;
      } else if (e === 'u' || e === 'U') {
        const digits = e === 'u' ? 4 : 8;
        const hex = raw.slice(i + 2, i + 2 + digits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
        if (Number.isFinite(code) && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i += 1 + digits;
        } else out += c;
      } else out += c;
    } else if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else out += c;
  }
  return out;
}

/** Heredocs take text literally, except for the `$${` / `%%{` escapes. */
function decodeHeredoc(raw: string): string {
  return raw.includes('$${') || raw.includes('%%{') ? raw.replace(/([$%])\1\{/g, '$1{') : raw;
}

/** `<<-` heredocs lose the indentation their lines share (blank lines do not count). */
function dedent(parts: TemplatePart[], text: string): void {
  const literals: LiteralPart[] = [];
  const collect = (list: readonly TemplatePart[]): void => {
    for (const part of list) {
      if (part.kind === 'literal') literals.push(part);
      else if (part.kind === 'if') {
        collect(part.then);
        if (part.else) collect(part.else);
      } else if (part.kind === 'for') collect(part.body);
    }
  };
  collect(parts);
  let min = Infinity;
  const lineStarts = (part: LiteralPart): boolean => text.charCodeAt(part.span.start - 1) === 10;
  for (const part of literals) {
    const lines = part.value.split('\n');
    lines.forEach((line, n) => {
      if ((n > 0 || lineStarts(part)) && line.trim() !== '') min = Math.min(min, /^[ \t]*/.exec(line)?.[0].length ?? 0);
    });
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const part of literals) {
    part.value = part.value
      .split('\n')
      .map((line, n) =>
        n > 0 || lineStarts(part) ? line.slice(Math.min(min, /^[ \t]*/.exec(line)?.[0].length ?? 0)) : line,
      )
      .join('\n');
  }
}
