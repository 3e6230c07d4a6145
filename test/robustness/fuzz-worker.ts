/** The fuzzer's worker thread (bundled as out/test/fuzz-worker.js): scans cases [from, to) and reports each. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { budgetMs, checkScan, overBudget } from './check';
import { makeCase, save, type Message, type Settings } from './fuzz-cases';

function runWorker(settings: Settings): void {
  const port = parentPort;
  if (!port) return;
  const texts = settings.seeds.map((f) => readFileSync(f, 'utf8'));
  let ran = 0;
  for (let index = settings.from; index < settings.to; index++) {
    const c = makeCase(settings, texts, index);
    port.postMessage({ kind: 'start', index, budget: budgetMs(c.text), label: c.label } satisfies Message);
    const { problem: broken, ms } = checkScan(c.text, c.file, c.mustError);
    const problem = broken ?? overBudget(ms, c.text);
    if (problem)
      port.postMessage({
        kind: 'fail',
        index,
        label: c.label,
        problem,
        saved: save(settings.seed, index, c.file, c.text),
      } satisfies Message);
    ran++;
  }
  port.postMessage({ kind: 'finished', ran } satisfies Message);
}

runWorker(workerData as Settings);
