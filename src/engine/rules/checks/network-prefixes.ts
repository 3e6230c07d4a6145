/** Address prefixes and port ranges as NSG rules and firewalls write them. */

/** Sources that mean "anyone on the internet". */
const ANY_SOURCE = new Set(['*', 'internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0', '0.0.0.0/0,::/0']);

export function isAnySource(prefix: string): boolean {
  return ANY_SOURCE.has(prefix.trim().toLowerCase());
}

/** Does a port expression (`22`, `20-30`, `*`, `Any`) include `port`? undefined when unreadable. */
export function portRangeIncludes(range: string, port: number): boolean | undefined {
  const r = range.trim();
  if (r === '*' || r.toLowerCase() === 'any') return true;
  const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(r);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= port && port <= high;
}

/** Does a port expression cover every port (`*`, `Any`, `0-65535`, `1-65535`)? */
export function portRangeIsAll(range: string): boolean {
  const r = range.trim();
  if (r === '*' || r.toLowerCase() === 'any') return true;
  const m = /^(\d+)\s*-\s*(\d+)$/.exec(r);
  return m !== null && Number(m[1]) <= 1 && Number(m[2]) >= 65535;
}

/** An IPv4 address as a number, or undefined. */
export function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.trim().split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}
