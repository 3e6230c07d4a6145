/**
 * Parameters and variables of one ARM template (or an inner-scoped nested template), evaluated lazily and
 * cached. A parameter takes its value from a parameter file, else its default, else it is unknown.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Span } from '../../core/span';
import type { Origin, Value } from '../../core/value';
import type { ParameterInfo } from '../../model/document';
import { atUseSite, unknown } from '../../eval/values';
import type { ArmScope } from './expression';
import { child, nodeSpan, stringOf, toValue } from './json-values';

/** A value supplied from outside the template: a parameter file entry or a nested deployment's parameter. */
export interface SuppliedValue {
  readonly value: Value;
  /** The file holding it, when not the template itself. */
  readonly file?: string;
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);

export class TemplateScope implements ArmScope {
  private readonly params = new Map<string, JsonNode>();
  private readonly vars = new Map<string, JsonNode>();
  private readonly paramCache = new Map<string, Value>();
  private readonly varCache = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    template: JsonNode,
    private readonly supplied: ReadonlyMap<string, SuppliedValue>,
  ) {
    for (const [map, key] of [
      [this.params, 'parameters'],
      [this.vars, 'variables'],
    ] as const) {
      const obj = child(template, key);
      for (const prop of obj?.type === 'object' ? (obj.children ?? []) : []) {
        const [k, v] = prop.children ?? [];
        if (typeof k?.value === 'string' && v) map.set(k.value.toLowerCase(), v);
      }
    }
  }

  /** Declared `securestring` or `secureObject`. */
  private isSecure(decl: JsonNode | undefined): boolean {
    return SECURE_TYPES.has(stringOf(child(decl, 'type'))?.toLowerCase() ?? '');
  }

  parameter(name: string, useSpan: Span): Value {
    const key = name.toLowerCase();
    const decl = this.params.get(key);
    let raw = this.paramCache.get(key);
    if (!raw) {
      raw = this.resolveParameter(name, key, decl, useSpan);
      this.paramCache.set(key, raw);
    }
    if (raw.kind === 'unknown') return { ...raw, span: useSpan, ...(this.isSecure(decl) ? { secureInput: name } : {}) };
    const supplied = this.supplied.get(key);
    const source = supplied ? 'parameterFile' : 'default';
    const file = supplied?.file;
    return atUseSite(raw, useSpan, (span): Origin => ({
      kind: 'parameter',
      name,
      source,
      span,
      ...(file ? { file } : {}),
    }));
  }

  variable(name: string, useSpan: Span): Value {
    const key = name.toLowerCase();
    let raw = this.varCache.get(key);
    if (!raw) {
      const decl = this.vars.get(key);
      if (!decl) raw = unknown(useSpan, `variable '${name}' is not declared`);
      else if (this.evaluating.has(`v:${key}`)) raw = unknown(useSpan, `variable '${name}' refers to itself`);
      else {
        this.evaluating.add(`v:${key}`);
        // Variable loops (`copy`) are not expanded: their result is unknown rather than guessed.
        raw = child(decl, 'copy')
          ? unknown(useSpan, `variable '${name}' is built by a copy loop`)
          : toValue(decl, this);
        this.evaluating.delete(`v:${key}`);
      }
      this.varCache.set(key, raw);
    }
    if (raw.kind === 'unknown') return { ...raw, span: useSpan };
    return atUseSite(raw, useSpan, (span): Origin => ({ kind: 'variable', name, span }));
  }

  private resolveParameter(name: string, key: string, decl: JsonNode | undefined, useSpan: Span): Value {
    const supplied = this.supplied.get(key);
    if (supplied) return supplied.value;
    if (!decl) return unknown(useSpan, `parameter '${name}' is not declared`, [name]);
    const def = child(decl, 'defaultValue');
    if (!def) return unknown(useSpan, `parameter '${name}' has no default value`, [name]);
    if (this.evaluating.has(`p:${key}`)) return unknown(useSpan, `parameter '${name}' refers to itself`, [name]);
    this.evaluating.add(`p:${key}`);
    const value = toValue(def, this);
    this.evaluating.delete(`p:${key}`);
    return value;
  }

  /** Declared parameters with their resolved values, for hovers, reports and SEC-PARAM-DEFAULT. */
  parameterInfos(): ParameterInfo[] {
    const out: ParameterInfo[] = [];
    for (const [key, decl] of this.params) {
      const declared = decl.parent?.children?.[0];
      const name = typeof declared?.value === 'string' ? declared.value : key;
      const type = stringOf(child(decl, 'type'))?.toLowerCase() ?? '';
      const defNode = child(decl, 'defaultValue');
      const value = this.supplied.get(key)?.value ?? (defNode ? this.parameter(name, nodeSpan(decl)) : undefined);
      // Literal defaults only: an expression default is not a value written in the file.
      const defaultValue = defNode ? toValue(defNode, undefined) : undefined;
      out.push({
        name,
        span: declared ? nodeSpan(declared) : nodeSpan(decl),
        secure: SECURE_TYPES.has(type),
        ...(type === 'secureobject' || type === 'object' || type === 'array' ? { structured: true } : {}),
        ...(value ? { value } : {}),
        ...(defaultValue ? { defaultValue } : {}),
      });
    }
    return out;
  }

  /** The declaration node of a parameter (its object `{ "type": …, "defaultValue": … }`). */
  parameterDeclaration(name: string): JsonNode | undefined {
    return this.params.get(name.toLowerCase());
  }
}
