/**
 * A small stand-in for the `vscode` module, enough to activate the extension outside VS Code and observe what it
 * publishes: diagnostics, registered providers and commands. It models a browser host (vscode.dev): documents on a
 * virtual file system (`memfs:`), whose `workspace.fs` finds nothing else. Not a general mock: members the
 * extension does not use are absent, so a new dependency on the API shows up here first.
 */

type Listener<T> = (e: T) => unknown;

class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(text: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text);
    if (!m) throw new Error(`not a URI: ${text}`);
    return new Uri(m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5] ?? '');
  }
  static file(path: string): Uri {
    return new Uri('file', '', path.replace(/\\/g, '/'), '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return base.with({ path: [base.path.replace(/\/$/, ''), ...parts].join('/') });
  }
  get fsPath(): string {
    return this.path;
  }
  with(c: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(
      c.scheme ?? this.scheme,
      c.authority ?? this.authority,
      c.path ?? this.path,
      c.query ?? this.query,
      c.fragment ?? this.fragment,
    );
  }
  toString(): string {
    return `${this.scheme}:${this.authority || this.scheme === 'file' ? `//${this.authority}` : ''}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  translate(lines = 0, chars = 0): Position {
    return new Position(this.line + lines, this.character + chars);
  }
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c ?? 0, d ?? 0) : (b as Position);
  }
}

class Selection extends Range {}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number = DiagnosticSeverity.Error,
  ) {}
}

class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

class MarkdownString {
  isTrusted = false;
  constructor(readonly value = '') {}
}

class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString,
    readonly range?: Range,
  ) {
    this.contents = [contents];
  }
}

class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  private constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

class CodeAction {
  edit?: WorkspaceEdit;
  command?: unknown;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
  insert(uri: Uri, at: Position, newText: string): void {
    this.edits.push({ uri, range: new Range(at, at), newText });
  }
}

class TreeItem {
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  resourceUri?: Uri;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState = 0,
  ) {}
}

class ThemeIcon {
  constructor(readonly id: string) {}
}

class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}

/** A text document over a string, with the offset/position maths of VS Code (\n line breaks). */
export class StubDocument {
  version = 1;
  isClosed = false;
  isDirty = false;
  readonly isUntitled = false;
  constructor(
    readonly uri: Uri,
    readonly languageId: string,
    private text: string,
  ) {}
  get fileName(): string {
    return this.uri.path;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.text = text;
    this.version++;
    this.isDirty = true;
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
    return Math.min(offset + p.character, this.text.length);
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, Math.max(0, offset)).split('\n');
    return new Position(before.length - 1, before[before.length - 1]?.length ?? 0);
  }
}

class DiagnosticCollection {
  readonly entries = new Map<string, Diagnostic[]>();
  constructor(readonly name: string) {}
  set(uri: Uri, diagnostics: Diagnostic[]): void {
    this.entries.set(uri.toString(), diagnostics);
  }
  get(uri: Uri): Diagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  dispose(): void {
    this.entries.clear();
  }
}

/** A fresh `vscode` module and handles on what the extension registered with it. */
export function createVscodeStub() {
  const opened = new EventEmitter<StubDocument>();
  const changed = new EventEmitter<{ document: StubDocument; contentChanges: unknown[] }>();
  const closed = new EventEmitter<StubDocument>();
  const collections: DiagnosticCollection[] = [];
  const hovers: { provideHover(doc: StubDocument, p: Position): Hover | undefined }[] = [];
  const codeActions: unknown[] = [];
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const textDocuments: StubDocument[] = [];
  const notFound = (): Promise<never> =>
    Promise.reject(Object.assign(new Error('FileNotFound'), { code: 'FileNotFound' }));
  const registration = (): Disposable => new Disposable();
  const event = <T>(emitter: EventEmitter<T>) => emitter.event;
  const never = new EventEmitter<unknown>();

  const vscode = {
    Disposable,
    EventEmitter,
    Uri,
    Position,
    Range,
    Selection,
    Diagnostic,
    DiagnosticSeverity,
    DiagnosticRelatedInformation,
    Location,
    MarkdownString,
    Hover,
    CodeAction,
    CodeActionKind,
    WorkspaceEdit,
    TreeItem,
    ThemeIcon,
    RelativePattern,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2 },
    TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2 },
    env: { uiKind: 2, remoteName: undefined },
    workspace: {
      textDocuments,
      workspaceFolders: undefined,
      isTrusted: true,
      onDidOpenTextDocument: event(opened),
      onDidChangeTextDocument: event(changed),
      onDidCloseTextDocument: event(closed),
      onDidChangeConfiguration: never.event,
      getConfiguration: () => ({
        get: <T>(_key: string, fallback?: T) => fallback,
        inspect: () => undefined,
        update: () => Promise.resolve(),
      }),
      getWorkspaceFolder: () => undefined,
      asRelativePath: (u: Uri | string) => (typeof u === 'string' ? u : u.path),
      createFileSystemWatcher: () => ({
        onDidChange: never.event,
        onDidCreate: never.event,
        onDidDelete: never.event,
        dispose: () => undefined,
      }),
      registerTextDocumentContentProvider: registration,
      findFiles: () => Promise.resolve([]),
      openTextDocument: (u: Uri) => Promise.resolve(textDocuments.find((d) => d.uri.toString() === u.toString())),
      applyEdit: () => Promise.resolve(true),
      fs: { readFile: notFound, readDirectory: notFound, writeFile: () => Promise.resolve() },
    },
    languages: {
      createDiagnosticCollection: (name: string) => {
        const c = new DiagnosticCollection(name);
        collections.push(c);
        return c;
      },
      registerHoverProvider: (_selector: unknown, provider: (typeof hovers)[number]) => {
        hovers.push(provider);
        return registration();
      },
      registerCodeActionsProvider: (_selector: unknown, provider: unknown) => {
        codeActions.push(provider);
        return registration();
      },
      match: () => 0,
    },
    window: {
      activeTextEditor: undefined,
      registerTreeDataProvider: registration,
      showInformationMessage: () => Promise.resolve(undefined),
      showWarningMessage: () => Promise.resolve(undefined),
      setStatusBarMessage: registration,
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: (id: string, ...args: unknown[]) => Promise.resolve(commands.get(id)?.(...args)),
    },
  };

  return {
    vscode,
    collections,
    hovers,
    codeActions,
    commands,
    /** Opens a document as the editor would: listed in textDocuments, then announced. */
    open(uri: string, languageId: string, text: string): StubDocument {
      const doc = new StubDocument(Uri.parse(uri), languageId, text);
      textDocuments.push(doc);
      opened.fire(doc);
      return doc;
    },
    edit(doc: StubDocument, text: string): void {
      doc.setText(text);
      changed.fire({ document: doc, contentChanges: [{ text }] });
    },
    close(doc: StubDocument): void {
      doc.isClosed = true;
      textDocuments.splice(textDocuments.indexOf(doc), 1);
      closed.fire(doc);
    },
    Position,
  };
}
