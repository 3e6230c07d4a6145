// Activation cost in a fresh process: time to `require` dist/extension.js (with a stub `vscode` module) and to run
// `activate`. Prints one JSON line; the orchestrator runs it several times and takes medians.
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, round } from './util.mjs';

const require = createRequire(import.meta.url);
const { vscode, context } = require('./vscode-stub.cjs');
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};

const t0 = performance.now();
const ext = require(join(ROOT, 'dist', 'extension.js'));
const t1 = performance.now();
const ctx = context(ROOT);
let error;
try {
  await ext.activate(ctx);
} catch (e) {
  error = e instanceof Error ? e.message : String(e);
}
const t2 = performance.now();
console.log(
  JSON.stringify({
    requireMs: round(t1 - t0, 2),
    activateMs: round(t2 - t1, 2),
    subscriptions: ctx.subscriptions.length,
    ...(error ? { error } : {}),
  }),
);
