/**
 * Bounded module expansion for one scanned file (Bicep and Terraform alike). A module called six times by each of
 * ten nested files is 6^10 module instances; following every one ran out of memory. Two bounds:
 *
 * - **Memoised results.** A call is analysed once per (module, caller, chain, argument values): the same module
 *   called again with the same values (the common case, and the whole blow-up when a file calls the next one
 *   several times) reuses the first result, which the caller then qualifies as its own.
 * - **A cap** on the module instances one scanned file expands, counting each reused result's own instances too,
 *   so that the resources returned stay bounded even when every call passes different values. Past it, calls are
 *   not followed and the document says so once.
 */

/** Module instances one scanned file may expand, at every depth; far above what real templates need. */
export const MAX_MODULE_EXPANSIONS = 1000;

interface Expanded {
  readonly result: unknown;
  /** Module instances the result holds below the call itself. */
  readonly instances: number;
}

export class ModuleExpansions {
  private readonly memo = new Map<string, Expanded>();
  private count = 0;
  private stopped = false;
  private noted = false;

  constructor(readonly max: number = MAX_MODULE_EXPANSIONS) {}

  /**
   * The result of one module call: `analyse()`'s, or the one memoised under `key`. Undefined past the cap (then
   * `noteOnce()` says whether this is the first time, for the note).
   */
  expand<T>(key: string, analyse: () => T): T | undefined {
    const hit = this.memo.get(key);
    if (this.count + 1 + (hit?.instances ?? 0) > this.max) {
      this.stopped = true;
      return undefined;
    }
    this.count++;
    if (hit) {
      this.count += hit.instances;
      return hit.result as T;
    }
    const before = this.count;
    const stoppedBefore = this.stopped;
    const result = analyse();
    // A result cut short by the cap is not reused: a later call with room left analyses it again.
    if (this.stopped === stoppedBefore) this.memo.set(key, { result, instances: this.count - before });
    return result;
  }

  /** True the first time it is asked after the cap stopped a call: the one note the document gets. */
  noteOnce(): boolean {
    if (!this.stopped || this.noted) return false;
    this.noted = true;
    return true;
  }

  /** The sentence for that note. */
  capNote(module: string): string {
    return `modules expand to more than ${this.max} module instances from this file: module '${module}' and later calls past the limit were not analysed`;
  }
}

/**
 * A memo key for argument values: their JSON (values are plain trees; spans and origins included, so that a
 * reused result points at the same places a fresh one would).
 */
export function argumentsKey(values: unknown): string {
  return JSON.stringify(values, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
}

/** Notes without repeats: a module reached by many calls says the same thing about its own calls each time. */
export function uniqueNotes<
  N extends {
    readonly file: string;
    readonly message: string;
    readonly span?: { readonly start: number; readonly end: number };
  },
>(notes: readonly N[]): N[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.file}\0${n.span?.start ?? -1}:${n.span?.end ?? -1}\0${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
