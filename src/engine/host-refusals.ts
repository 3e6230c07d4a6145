/**
 * Notes for the files a host declined to read during one scan (a module outside the scanned folders, a FIFO
 * named like a parameter file, a binary `.bicepparam`): the scan goes on without them, and says so.
 */
import type { AnalysisNote, FileHost } from './model/document';

export interface RefusalRecorder {
  /** The host to analyse with: the same reads, each refusal remembered. */
  readonly host: FileHost;
  /** One note per refused path, in the order the analysis asked for them. */
  notes(): AnalysisNote[];
}

export function recordRefusals(host: FileHost, file: string): RefusalRecorder {
  const refused = new Map<string, string>();
  const check = (path: string): void => {
    if (refused.has(path)) return;
    const reason = host.refusal?.(path);
    if (reason !== undefined) refused.set(path, reason);
  };
  return {
    host: {
      readFile(path) {
        const text = host.readFile(path);
        if (text === undefined) check(path);
        return text;
      },
      ...(host.listDirectory
        ? {
            listDirectory(dir: string) {
              const names = host.listDirectory?.(dir);
              if (names === undefined) check(dir);
              return names;
            },
          }
        : {}),
      refusal: (path) => host.refusal?.(path),
    },
    notes: () => [...refused].map(([path, reason]) => ({ file, message: `'${path}' was not read: ${reason}` })),
  };
}
