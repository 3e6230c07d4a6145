/**
 * Runs the last of a burst of calls per key, once the key has been quiet for the delay. Pure (no `vscode`): the
 * timer is injectable so tests drive time themselves instead of waiting.
 */
export interface Timer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class KeyedDebouncer<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(private readonly timer: Timer = realTimer) {}

  /** (Re)starts the key's quiet period; `run` replaces whatever was pending for the key. */
  schedule(key: K, delayMs: number, run: () => void): void {
    this.cancel(key);
    this.pending.set(
      key,
      this.timer.set(() => {
        this.pending.delete(key);
        run();
      }, delayMs),
    );
  }

  cancel(key: K): void {
    if (!this.pending.has(key)) return;
    this.timer.clear(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}

/**
 * Does the configuration file at `configPath` govern the file at `path`: is `path` inside the configuration's
 * folder (its nearest configuration, the only one the editor loads)? Both are engine paths (`/` or `\`).
 */
export function governedBy(configPath: string, path: string): boolean {
  const norm = (p: string): string => p.replace(/\\/g, '/');
  const cfg = norm(configPath);
  const dir = cfg.slice(0, cfg.lastIndexOf('/') + 1);
  return dir !== '' && norm(path).startsWith(dir);
}
