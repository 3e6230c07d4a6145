/**
 * Writes a report's chunks (`ReportChunks`) to a file or stdout as they are produced, a batch at a time: the
 * whole report never exists as one string, which V8 caps at about 512 M characters (JSON of ~700,000 findings).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ReportChunks } from '../engine';

/** Where a report goes: `write` takes text in order; `close` ends it. */
export interface TextSink {
  write(text: string): void;
  close?(): void;
}

/** Characters gathered before a write: large enough to keep system calls few, small next to the string limit. */
const BATCH_CHARS = 1 << 20;

/** Writes every chunk to `sink` in batches of about `batchChars`, then closes it (also when a chunk throws). */
export function writeChunks(chunks: ReportChunks, sink: TextSink, batchChars = BATCH_CHARS): void {
  try {
    let batch = '';
    for (const chunk of chunks) {
      batch += chunk;
      if (batch.length >= batchChars) {
        sink.write(batch);
        batch = '';
      }
    }
    if (batch.length > 0) sink.write(batch);
  } finally {
    sink.close?.();
  }
}

/** A file, created or truncated, written synchronously. */
export function fileSink(path: string): TextSink {
  const fd = openSync(path, 'w');
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    },
    close() {
      closeSync(fd);
    },
  };
}
