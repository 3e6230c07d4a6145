/**
 * Seeded mutation fuzzer over the templates shipped in the repository (test fixtures and samples): every mutated
 * file must scan without an exception, within its time budget, with an error entry when it cannot be parsed.
 * A fixed number of cases of a fixed seed: the same inputs on every machine, however fast.
 *
 * The cases run in a worker thread (fuzz-worker.ts) watched from here, so a hang (a synchronous loop that never
 * ends) is caught, reported with its case number and does not stall the run. Failing inputs are written to
 * out/fuzz-failures/; turn each into a fixture in test/fixtures/regressions/ (see test/engine/regressions.test.ts).
 *
 *   RLENS_FUZZ_LONG=1            long run (100,000 cases)
 *   RLENS_FUZZ_SEED=N            another seed (default 20250101)
 *   RLENS_FUZZ_CASES=N           number of cases; RLENS_FUZZ_CASE=I replays case I alone
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeCase, save, seedFiles, type Message, type Settings } from './fuzz-cases';

const LONG = process.env.RLENS_FUZZ_LONG === '1';
/** Built beside the robustness bundle by scripts/build.mjs. */
const WORKER = join(__dirname, 'fuzz-worker.js');

interface Outcome {
  ran: number;
  failures: string[];
}

/** Runs cases [from, to) in workers; a worker that overruns a case's budget is killed and the next one resumes after it. */
async function fuzz(settings: Settings): Promise<Outcome> {
  const outcome: Outcome = { ran: 0, failures: [] };
  let from = settings.from;
  while (from < settings.to) {
    const next = await new Promise<number>((resolve, reject) => {
      const worker = new Worker(WORKER, { workerData: { ...settings, from } satisfies Settings });
      let current: { index: number; budget: number; label: string; started: number } | undefined;
      const watchdog = setInterval(() => {
        // The budget is CPU time; this is wall time, which a loaded machine stretches several times over. The
        // watchdog only catches what never ends (ten budgets and at least a minute); slow cases fail in the worker.
        if (current && Date.now() - current.started > Math.max(10 * current.budget, 60_000)) {
          outcome.failures.push(
            `case ${current.index} (${current.label}): no result after ${Date.now() - current.started} ms: hang`,
          );
          outcome.ran++;
          const resume = current.index + 1;
          current = undefined;
          clearInterval(watchdog);
          void worker.terminate().then(() => resolve(resume));
        }
      }, 200);
      worker.on('message', (m: Message) => {
        if (m.kind === 'start') current = { index: m.index, budget: m.budget, label: m.label, started: Date.now() };
        else if (m.kind === 'fail')
          outcome.failures.push(`case ${m.index} (${m.label}): ${m.problem}\n  input: ${m.saved}`);
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
        outcome.failures.push(
          `case ${current.index} (${current.label}): crashed the worker: ${e.message}\n  input: ${save(settings.seed, current.index, c.file, c.text)}`,
        );
        outcome.ran++;
        resolve(current.index + 1);
      });
    });
    from = next;
  }
  return outcome;
}

describe('robustness: mutation fuzzer', function () {
  const seed = Number(process.env.RLENS_FUZZ_SEED ?? 20250101);
  const only = process.env.RLENS_FUZZ_CASE;
  const cases = Number(process.env.RLENS_FUZZ_CASES ?? (LONG ? 100_000 : 6_000));
  // No time cap on the count: a hang is the watchdog's, so the run may take as long as the machine needs.
  this.timeout(0);

  it(`scans ${only !== undefined ? `case ${only}` : `${cases} mutated templates`} of seed ${seed} without exceptions, hangs or silent parse failures`, async function () {
    const seeds = seedFiles();
    assert.ok(seeds.length >= 10, `expected fixtures and samples to fuzz, found ${seeds.length}`);
    const from = only !== undefined ? Number(only) : 0;
    const to = only !== undefined ? from + 1 : cases;
    const { ran, failures } = await fuzz({ seed, from, to, seeds });
    assert.deepEqual(
      failures,
      [],
      `${failures.length} of ${ran} cases failed (replay one with RLENS_FUZZ_SEED=${seed} RLENS_FUZZ_CASE=N):\n${failures.join('\n')}`,
    );
    assert.equal(ran, to - from, 'every case ran');
  });
});
