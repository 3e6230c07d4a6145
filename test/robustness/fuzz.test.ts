/**
 * Seeded mutation fuzzer over the templates shipped in the repository (test fixtures and samples): every mutated
 * file must scan without an exception, within its time budget, with an error entry when it cannot be parsed.
 *
 * The cases run in a worker thread watched from here, so a hang (a synchronous loop that never ends) is caught,
 * reported with its case number and does not stall `npm test`. Failing inputs are written to out/fuzz-failures/;
 * turn each into a fixture in test/fixtures/regressions/ (see regressions.test.ts).
 *
 *   RLENS_FUZZ_LONG=1            long run (100,000 cases, up to 30 minutes)
 *   RLENS_FUZZ_SEED=N            another seed (default 20250101)
 *   RLENS_FUZZ_CASES=N           number of cases; RLENS_FUZZ_CASE=I replays case I alone
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { isScannable } from '../../src/engine';
import { ROOT } from '../helpers/fixtures';
import { budgetMs, checkScan } from './check';
import { caseSeed, mutate, Rng, truncateInsideBlock } from './mutations';

interface Settings {
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  /** Wall-clock end (epoch ms) after which the worker stops starting new cases. */
  readonly deadline: number;
  readonly seeds: readonly string[];
}

type Message =
  | { readonly kind: 'start'; readonly index: number; readonly budget: number; readonly label: string }
  | { readonly kind: 'fail'; readonly index: number; readonly label: string; readonly problem: string; readonly saved: string }
  | { readonly kind: 'finished'; readonly ran: number };

const LONG = process.env.RLENS_FUZZ_LONG === '1';
const FAILURES = join(ROOT, 'out', 'fuzz-failures');

function seedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (isScannable(full)) out.push(full);
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  walk(join(ROOT, 'samples'));
  return out.sort();
}

/** Case `index`: which file, which damage, and whether the result must carry an error. */
function makeCase(settings: Settings, texts: readonly string[], index: number): { file: string; text: string; label: string; mustError: boolean } {
  const rng = new Rng(caseSeed(settings.seed, index));
  const which = rng.int(settings.seeds.length);
  const file = settings.seeds[which] as string;
  const original = texts[which] as string;
  if (rng.next() < 0.1) {
    const cut = truncateInsideBlock(original, rng);
    if (cut !== undefined) return { file, text: cut, label: `${basename(file)}: truncated inside a block`, mustError: true };
  }
  const { text, applied } = mutate(original, rng);
  return { file, text, label: `${basename(file)}: ${applied.join(' + ')}`, mustError: false };
}

function runWorker(settings: Settings): void {
  const port = parentPort;
  if (!port) return;
  const texts = settings.seeds.map((f) => readFileSync(f, 'utf8'));
  let ran = 0;
  for (let index = settings.from; index < settings.to && Date.now() < settings.deadline; index++) {
    const c = makeCase(settings, texts, index);
    port.postMessage({ kind: 'start', index, budget: budgetMs(c.text), label: c.label } satisfies Message);
    const { problem } = checkScan(c.text, c.file, c.mustError);
    if (problem) port.postMessage({ kind: 'fail', index, label: c.label, problem, saved: save(settings.seed, index, c.file, c.text) } satisfies Message);
    ran++;
  }
  port.postMessage({ kind: 'finished', ran } satisfies Message);
}

function save(seed: number, index: number, file: string, text: string): string {
  mkdirSync(FAILURES, { recursive: true });
  const ext = /\.tf\.json$/i.test(file) ? '.tf.json' : /\.[^.]+$/.exec(file)?.[0] ?? '';
  const path = join(FAILURES, `seed${seed}-case${index}${ext}`);
  writeFileSync(path, text);
  return path;
}

interface Outcome {
  ran: number;
  failures: string[];
}

/** Runs cases [from, to) in workers; a worker that overruns a case's budget is killed and the next one resumes after it. */
async function fuzz(settings: Omit<Settings, 'from'> & { readonly from: number }): Promise<Outcome> {
  const outcome: Outcome = { ran: 0, failures: [] };
  let from = settings.from;
  while (from < settings.to && Date.now() < settings.deadline) {
    const next = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { ...settings, from } satisfies Settings });
      let current: { index: number; budget: number; label: string; started: number } | undefined;
      const watchdog = setInterval(() => {
        // Twice the budget: the watchdog only catches what never ends; slow-but-finished cases fail in checkScan.
        if (current && Date.now() - current.started > 2 * current.budget + 1000) {
          outcome.failures.push(`case ${current.index} (${current.label}): no result after ${Date.now() - current.started} ms: hang`);
          outcome.ran++;
          const resume = current.index + 1;
          current = undefined;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve(resume));
        }
      }, 200);
      worker.on('message', (m: Message) => {
        if (m.kind === 'start') current = { index: m.index, budget: m.budget, label: m.label, started: Date.now() };
        else if (m.kind === 'fail') outcome.failures.push(`case ${m.index} (${m.label}): ${m.problem}\n  input: ${m.saved}`);
        else {
          outcome.ran += m.ran;
          current = undefined;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve(settings.to));
        }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        if (!current) return reject(e);
        // An error that escaped the engine killed the worker (a stack overflow is not catchable everywhere):
        // record it with its input, rebuilt from the seed, and go on after it.
        const texts = settings.seeds.map((f) => readFileSync(f, 'utf8'));
        const c = makeCase({ ...settings, from }, texts, current.index);
        outcome.failures.push(`case ${current.index} (${current.label}): crashed the worker: ${e.message}\n  input: ${save(settings.seed, current.index, c.file, c.text)}`);
        outcome.ran++;
        resolve(current.index + 1);
      });
    });
    from = next;
  }
  return outcome;
}

if (isMainThread) {
  describe('robustness: mutation fuzzer', function () {
    const seed = Number(process.env.RLENS_FUZZ_SEED ?? 20250101);
    const only = process.env.RLENS_FUZZ_CASE;
    const cases = Number(process.env.RLENS_FUZZ_CASES ?? (LONG ? 100_000 : 6_000));
    const seconds = LONG ? 30 * 60 : 40;
    this.timeout((seconds + 60) * 1000);

    it(`scans ${only !== undefined ? `case ${only}` : `up to ${cases} mutated templates (${seconds} s cap)`} of seed ${seed} without exceptions, hangs or silent parse failures`, async function () {
      const seeds = seedFiles();
      assert.ok(seeds.length >= 10, `expected fixtures and samples to fuzz, found ${seeds.length}`);
      const from = only !== undefined ? Number(only) : 0;
      const to = only !== undefined ? from + 1 : cases;
      const { ran, failures } = await fuzz({ seed, from, to, deadline: Date.now() + seconds * 1000, seeds });
      assert.ok(ran > 0, 'no case ran');
      assert.deepEqual(failures, [], `${failures.length} of ${ran} cases failed (replay one with RLENS_FUZZ_SEED=${seed} RLENS_FUZZ_CASE=N):\n${failures.join('\n')}`);
    });
  });
} else {
  runWorker(workerData as Settings);
}
