/**
 * A least-recently-used map bounded by entry count and by total weight (characters of text, by default), so
 * that the editor's caches stay small however many files a long session touches. Reading an entry refreshes it;
 * inserting past either bound evicts the least recently used entries first. An entry heavier than the whole
 * weight bound is not kept at all (callers fetch it again when needed).
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  private weight = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Total weight of what is held. */
  get totalWeight(): number {
    return this.weight;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const w = this.weigh(value);
    if (w > this.maxWeight || this.maxEntries < 1) return;
    this.entries.set(key, value);
    this.weight += w;
    for (const [oldest, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.weight -= this.weigh(v);
    }
  }

  delete(key: K): boolean {
    if (!this.entries.has(key)) return false;
    this.weight -= this.weigh(this.entries.get(key) as V);
    return this.entries.delete(key);
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }
}

/** Weight of a cached text (null records a miss): its length in UTF-16 code units, at least 1. */
export function textWeight(value: string | null | readonly string[]): number {
  if (value === null) return 1;
  if (typeof value === 'string') return Math.max(1, value.length);
  return value.reduce((n, s) => n + s.length + 1, 1);
}
