/**
 * `.rlens.yaml` edits: a burst of keystrokes within the debounce window parses and rescans once, and only the
 * documents the configuration governs (inside its folder) are rescanned. Time is a fake clock, never waited on.
 */
import * as assert from 'node:assert/strict';
import { governedBy, KeyedDebouncer, type Timer } from '../../src/extension/keyed-debouncer';

/** A manual clock: timers fire only when the test advances time. */
function fakeTimer(): Timer & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    set: (run, ms) => {
      timers.set(++next, { at: now + ms, run });
      return next;
    },
    clear: (handle) => void timers.delete(handle as number),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now || !timers.has(id)) continue;
        timers.delete(id);
        t.run();
      }
    },
    pending: () => timers.size,
  };
}

describe('keyed debouncer (.rlens.yaml edits)', () => {
  it('ten edits within the window run once, with the last edit', () => {
    const timer = fakeTimer();
    const debouncer = new KeyedDebouncer<string>(timer);
    const runs: number[] = [];
    for (let i = 1; i <= 10; i++) {
      debouncer.schedule('file:///w/.rlens.yaml', 300, () => runs.push(i));
      timer.advance(100);
    }
    assert.deepEqual(runs, []);
    timer.advance(300);
    assert.deepEqual(runs, [10]);
    assert.equal(timer.pending(), 0);
  });

  it('keys are independent; cancel and dispose drop pending runs', () => {
    const timer = fakeTimer();
    const debouncer = new KeyedDebouncer<string>(timer);
    const runs: string[] = [];
    debouncer.schedule('a', 300, () => runs.push('a'));
    debouncer.schedule('b', 300, () => runs.push('b'));
    debouncer.schedule('c', 300, () => runs.push('c'));
    debouncer.cancel('b');
    timer.advance(300);
    assert.deepEqual(runs, ['a', 'c']);
    debouncer.schedule('d', 300, () => runs.push('d'));
    debouncer.dispose();
    timer.advance(1000);
    assert.deepEqual(runs, ['a', 'c']);
  });

  it('a configuration governs only the documents inside its folder', () => {
    const docs = ['/w/app/main.bicep', '/w/app/sub/net.tf', '/w/app2/main.bicep', '/w/other.json', '/x/app/main.bicep'];
    assert.deepEqual(
      docs.filter((d) => governedBy('/w/app/.rlens.yaml', d)),
      ['/w/app/main.bicep', '/w/app/sub/net.tf'],
    );
    assert.ok(governedBy('C:\\w\\app\\.rlens.yaml', 'C:\\w\\app\\infra\\main.bicep'));
    assert.ok(!governedBy('C:\\w\\app\\.rlens.yaml', 'C:\\w\\apps\\main.bicep'));
    assert.ok(!governedBy('.rlens.yaml', '/w/main.bicep'));
  });
});
