// A stand-in for the `vscode` module, enough for `activate` to run outside the editor. Every member exists: a
// property is a callable, constructible stub; events and registrations return disposables; configuration `get`
// returns its default; collections are empty. It records nothing and does nothing, so what is timed is the
// extension's own start-up work.
'use strict';
const fs = require('node:fs');

const cache = new Map();

function stub(path) {
  if (cache.has(path)) return cache.get(path);
  const target = function () {};
  const proxy = new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'length' || key === 'size') return 0;
      if (key === 'toString' || key === 'toJSON') return () => path;
      if (key === 'dispose') return () => undefined;
      if (key === 'get' && path.endsWith('getConfiguration()')) return (_k, dflt) => dflt;
      if (typeof key === 'symbol') return undefined;
      if (['workspaceFolders', 'activeTextEditor', 'rootPath', 'workspaceFile'].includes(key)) return undefined;
      if (['textDocuments', 'visibleTextEditors', 'all', 'tabGroups.all'].includes(key)) return [];
      return stub(`${path}.${String(key)}`);
    },
    apply(_t, _this, args) {
      // `onDid…(listener)` events and `register…` calls hand back something disposable: the stub itself.
      if (/\.(find|findFiles)$/.test(path)) return Promise.resolve([]);
      if (
        /\.(show\w*Message|showQuickPick|showInputBox|executeCommand|openTextDocument|readFile|stat|readDirectory)$/.test(
          path,
        )
      )
        return Promise.resolve(undefined);
      void args;
      return stub(`${path}()`);
    },
    construct(_t, args) {
      const base = path.split('.').pop();
      if (base === 'EventEmitter') {
        return { event: () => ({ dispose() {} }), fire() {}, dispose() {} };
      }
      if (base === 'Disposable') return { dispose() {} };
      return Object.assign(Object.create(null), { args, dispose() {} }, stub(`new ${path}`));
    },
  });
  cache.set(path, proxy);
  return proxy;
}

/**
 * The module itself is a plain object whose keys are the API's top-level names, read from @types/vscode: bundlers'
 * `import * as vscode` interop copies own keys, which a bare Proxy does not have.
 */
function apiNames() {
  try {
    const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
    const names = new Set();
    for (const m of dts.matchAll(
      /^\t?export (?:declare )?(?:namespace|class|enum|const|let|function|interface|type) ([A-Za-z_]\w*)/gm,
    ))
      names.add(m[1]);
    return [...names];
  } catch {
    return ['commands', 'languages', 'window', 'workspace', 'env', 'extensions', 'Uri', 'Range', 'Position'];
  }
}

const vscode = Object.fromEntries(apiNames().map((name) => [name, stub(`vscode.${name}`)]));

/** A minimal ExtensionContext: subscriptions that are really an array, in-memory mementos, a real-looking path. */
function context(extensionPath) {
  const memento = () => {
    const m = new Map();
    return {
      get: (k, d) => (m.has(k) ? m.get(k) : d),
      update: async (k, v) => void m.set(k, v),
      keys: () => [...m.keys()],
      setKeysForSync() {},
    };
  };
  return {
    subscriptions: [],
    extensionPath,
    extensionUri: vscode.Uri.file(extensionPath),
    globalState: memento(),
    workspaceState: memento(),
    asAbsolutePath: (p) => `${extensionPath}/${p}`,
    storageUri: undefined,
    globalStorageUri: vscode.Uri.file('/tmp/rlens-bench'),
    logUri: vscode.Uri.file('/tmp/rlens-bench'),
    extensionMode: 1,
    environmentVariableCollection: vscode.EnvironmentVariableCollection,
    secrets: {
      get: async () => undefined,
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: () => ({ dispose() {} }),
    },
    extension: { id: 'responsibility-lens.responsibility-lens', extensionPath, packageJSON: {} },
  };
}

module.exports = { vscode, context };
