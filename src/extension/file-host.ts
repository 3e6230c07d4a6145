/**
 * The engine's FileHost, backed by open editors first (so unsaved parameter files count) and the workspace file
 * system second. The engine reads synchronously but `workspace.fs` is asynchronous (and the only option in a
 * browser), so the host records what the engine asked for and could not get; the analyzer fetches those files and
 * scans again. Misses are cached too, so the loop ends.
 */
import * as vscode from 'vscode';
import type { FileHost } from '../engine';
import { BoundedCache, textWeight } from './bounded-cache';

/** The engine's path for a URI: the file-system path for `file:`, the URI path for virtual file systems. */
export function pathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

/** The URI of an engine path, on the same file system as `like`. */
export function uriOf(path: string, like: vscode.Uri): vscode.Uri {
  return like.scheme === 'file' ? vscode.Uri.file(path) : like.with({ path: path.replace(/\\/g, '/') });
}

const decoder = new TextDecoder('utf-8');

/**
 * Bounds of the host's caches: files the engine read from disk (parameter files, modules, siblings) and directory
 * listings. Past either bound the least recently used entries go; an evicted file is simply read again.
 */
export const FILE_CACHE_LIMITS = {
  files: 2000,
  fileChars: 32 * 1024 * 1024,
  dirs: 2000,
  dirChars: 4 * 1024 * 1024,
} as const;

export class WorkspaceFileHost implements FileHost {
  private readonly files: BoundedCache<string, string | null>;
  private readonly dirs: BoundedCache<string, string[] | null>;
  private missedFiles = new Set<string>();
  private missedDirs = new Set<string>();

  constructor(limits: { files: number; fileChars: number; dirs: number; dirChars: number } = FILE_CACHE_LIMITS) {
    this.files = new BoundedCache<string, string | null>(limits.files, limits.fileChars, textWeight);
    this.dirs = new BoundedCache<string, string[] | null>(limits.dirs, limits.dirChars, textWeight);
  }

  readFile(path: string): string | undefined {
    const open = this.openDocument(path);
    if (open) return open.getText();
    const cached = this.files.get(path);
    if (cached === undefined) this.missedFiles.add(path);
    return cached ?? undefined;
  }

  listDirectory(dir: string): string[] | undefined {
    const cached = this.dirs.get(dir);
    if (cached === undefined) this.missedDirs.add(dir);
    return cached ?? undefined;
  }

  /** Text the engine saw for `path`, for positioning findings and edits in files other than the scanned one. */
  textOf(path: string): string | undefined {
    return this.openDocument(path)?.getText() ?? this.files.get(path) ?? undefined;
  }

  /** Starts recording misses for one scan. */
  beginScan(): void {
    this.missedFiles = new Set();
    this.missedDirs = new Set();
  }

  /** Fetches what the last scan missed; true when anything new was found (worth scanning again). */
  async fetchMisses(like: vscode.Uri): Promise<boolean> {
    const files = [...this.missedFiles];
    const dirs = [...this.missedDirs];
    this.beginScan();
    const found = await Promise.all([
      ...files.map(async (p) => {
        const uri = uriOf(p, like);
        if (!mayRead(uri)) {
          this.files.set(p, null);
          return false;
        }
        const text = await readText(uri);
        this.files.set(p, text ?? null);
        return text !== undefined;
      }),
      ...dirs.map(async (d) => {
        try {
          if (!mayRead(uriOf(d, like))) throw new Error('outside the workspace folders');
          const entries = await vscode.workspace.fs.readDirectory(uriOf(d, like));
          this.dirs.set(
            d,
            entries.filter(([, t]) => t === vscode.FileType.File).map(([n]) => n),
          );
          return true;
        } catch {
          this.dirs.set(d, null);
          return false;
        }
      }),
    ]);
    return found.some(Boolean);
  }

  /** Forgets a file (changed or deleted on disk) and its directory listing (created or deleted). */
  invalidate(path: string): void {
    this.files.delete(path);
    const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    if (slash > 0) this.dirs.delete(path.slice(0, slash));
  }

  private openDocument(path: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && pathOf(d.uri) === path);
  }
}

/** In an untrusted workspace, a template cannot make the extension read outside the workspace folders. */
function mayRead(uri: vscode.Uri): boolean {
  return vscode.workspace.isTrusted || vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** A file's text, or undefined when it cannot be read. TextDecoder drops a UTF-8 BOM, as the editor does. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
