/**
 * The formats the engine reads. Each entry says which files it claims and turns text into the shared model.
 * Adding a format is one entry here; the scanner, CLI and editor never switch on formats themselves.
 */
import type { AnalyzeOptions, AnalyzedDocument, SourceFormat } from '../model/document';

export interface FormatHandler {
  readonly format: SourceFormat;
  /** Cheap test on the path alone: does this handler want to look at the file? */
  claims(file: string): boolean;
  /**
   * Cheap test on the text's head, before any parsing: false when it is surely not a template of this format
   * (JSON that is not ARM). Lets a file that is too large or binary be skipped quietly when it is not ours anyway.
   */
  mayBeTemplate?(text: string): boolean;
  /**
   * Analyse the text. `undefined` means "not ours after all" (JSON that is not an ARM template), reported
   * quietly; a file that is ours but broken returns a document with `errors`.
   */
  analyze(text: string, file: string, options: AnalyzeOptions): AnalyzedDocument | undefined;
}

/** The handler that claims `file`, from the list in `formats/all.ts`. */
export function handlerFor(handlers: readonly FormatHandler[], file: string): FormatHandler | undefined {
  return handlers.find((h) => h.claims(file));
}
