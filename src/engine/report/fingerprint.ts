/**
 * Stable identities for findings, for code-scanning services that track an alert across commits (SARIF
 * `partialFingerprints`). A finding is the same finding while its rule, file and resource stay the same, wherever
 * its lines move: inserting a resource above it must not close one alert and open another.
 */
import type { Finding } from '../core/finding';

/** 64-bit FNV-1a as 16 hex digits (two 32-bit lanes; pure and identical in Node and the browser). */
function fnv1a64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x0100019d) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** `infra\\main.bicep`, `./infra/main.bicep` and `infra/main.bicep` are one file to a fingerprint. */
function portablePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * One fingerprint per finding, in order. Findings of one rule on one resource (two open ports of one security
 * group) are told apart by their order within the resource, which a line shift does not change.
 */
export function findingFingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.ruleId, portablePath(f.file), f.resource.type.toLowerCase(), f.resource.name].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return fnv1a64(`${key}\u0000${n}`);
  });
}
