import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsr, type Csr } from '../../src/analysis/csr';
import { betweennessAndCloseness, computeCentralities, startCentralities } from '../../src/analysis/centrality';
import { brandesPasses, PASS_PARTS, type PassesTask } from '../../src/analysis/brandes';
import { runHelperTask } from '../../src/analysis/helper-tasks';
import { dropHelperThread, helperThreadGone, useHelperThread, type HelperThread } from '../../src/lib/handoff';
import { startHelperThread, type StartedHelper } from '../../src/cli/helper-thread';
import { createRng } from '../../src/lib/rng';
import { caviarCsr } from '../helpers';

const caviar = caviarCsr;

/** A random graph with uneven weights. */
function random(n = 400, ties = 2000): Csr {
  const rng = createRng(3);
  const ids = Array.from({ length: n }, (_, i) => `v${i}`);
  const pick = () => ids[Math.floor(rng() * n)]!;
  return createCsr(
    ids,
    Array.from({ length: ties }, () => [pick(), pick(), 1 + Math.floor(rng() * 5)] as [string, string, number]),
  );
}

/** Betweenness on `g` with no helper and with `thread`: the two must agree bit for bit; returns the helped run. */
function alongside(thread: HelperThread, g: Csr, options: typeof EXACT, what = '') {
  useHelperThread(undefined);
  const alone = betweennessAndCloseness(g, options);
  useHelperThread(thread);
  const helped = betweennessAndCloseness(g, options);
  dropHelperThread(thread);
  expect(helped.betweenness, what).toEqual(alone.betweenness);
  expect(helped.closeness, what).toEqual(alone.closeness);
  return helped;
}

const EXACT = { exactLimit: 10_000, samples: 10, seed: 1, unweighted: false };
const SAMPLED = { exactLimit: 100, samples: 37, seed: 5, unweighted: false };
const CASES: [string, () => Csr, typeof EXACT][] = [
  ['CAVIAR, exact, weighted', caviar, EXACT],
  ['CAVIAR, exact, hops', caviar, { ...EXACT, unweighted: true }],
  ['a random graph, 37 sampled sources', () => random(), SAMPLED],
];

describe('betweenness in parts, and tasks handed to a helper thread', () => {
  it('should agree with one pass over every source, to rounding', () => {
    const g = caviar();
    const n = g.ids.length;
    const length = Float64Array.from(g.weights, (w) => 1 / w);
    const b = new Float64Array(n);
    const c = new Float64Array(n);
    brandesPasses({ offsets: g.offsets, targets: g.targets, length }, Int32Array.from(g.ids.keys()), false, b, c);
    const parts = betweennessAndCloseness(g, EXACT);
    expect(parts.threads).toBe(1);
    for (let i = 0; i < n; i++) {
      expect(parts.betweenness[i]).toBeCloseTo(b[i]! / 2, 9);
      expect(parts.closeness[i]).toBeCloseTo(c[i]! / (n - 1), 12);
    }
  });

  it('should give the same result when the helper never takes its part', () => {
    const posted: PassesTask[] = [];
    const idle: HelperThread = { post: (task) => posted.push(task as PassesTask) };
    for (const [what, make, options] of CASES) expect(alongside(idle, make(), options, what).threads).toBe(1);
    // Every part was posted, for each case, and each was taken back.
    expect(posted).toHaveLength(CASES.length * PASS_PARTS);
    expect(posted.every((t) => Atomics.load(t.state, 0) === 3)).toBe(true);
    // The caller took each part back: a helper that wakes up late finds it taken and leaves its columns alone.
    const before = Float64Array.from(posted[0]!.betweenness);
    expect(before.some((v) => v !== 0)).toBe(true);
    posted[0]!.betweenness.fill(-1);
    runHelperTask(posted[0]!);
    expect(posted[0]!.betweenness.every((v) => v === -1)).toBe(true);
  });

  it('should take back, last first, the parts the helper has not reached, with the same result', () => {
    // A helper that has run the first two parts it was given, and not yet reached the rest.
    const posted: PassesTask[] = [];
    const slow: HelperThread = {
      post(task) {
        if (task.kind !== 'passes') return;
        posted.push(task as PassesTask);
        if (posted.length <= 2) runHelperTask(task as PassesTask);
      },
    };
    const helped = alongside(slow, random(), SAMPLED);
    expect(helped.threads).toBe(2);
    // Done on the helper (2), then taken back by the caller (3).
    expect(posted.map((t) => Atomics.load(t.state, 0))).toEqual([2, 2, ...Array(PASS_PARTS - 2).fill(3)]);
    // The parts share out the 37 sources, in order, shrinking from the first to the last, one each at least.
    expect(posted.map((t) => t.sources.length)).toEqual([9, 7, 6, 4, 3, 2, 1, 1, 1, 1, 1, 1]);
    // Each part the sources after the part before's.
    let at = 0;
    for (const t of posted) {
      expect(t.sources.byteOffset / 4).toBe(at);
      at += t.sources.length;
    }
  });

  it('should give the same result when the helper fails part way', () => {
    // A helper that writes garbage and then reports failure: the caller must start its part again from zero.
    const failing: HelperThread = {
      post(task) {
        Atomics.store(task.state, 0, 1);
        (task as PassesTask).betweenness.fill(1e9);
        Atomics.store(task.state, 0, 4);
      },
    };
    expect(alongside(failing, random(), SAMPLED).threads).toBe(1);
  });

  it('should give the same result when the helper takes its tasks and is never heard of again', () => {
    // A helper that takes every task and dies (a thread killed mid-task never reports): the caller waits out
    // its patience, runs each task itself into columns of its own, and gives that helper nothing more.
    const taken: { kind: string; out?: Float64Array; betweenness?: Float64Array }[] = [];
    const silent: HelperThread = {
      patienceMs: 20,
      post(task) {
        Atomics.store(task.state, 0, 1);
        // The columns as posted: a real helper holds its own copy of the task, with these columns in it.
        const { out, betweenness } = task as { out?: Float64Array; betweenness?: Float64Array };
        taken.push({ kind: task.kind, out, betweenness });
      },
    };
    const g = random();
    useHelperThread(undefined);
    const alone = computeCentralities(g, SAMPLED);
    useHelperThread(silent);
    const helped = computeCentralities(g, SAMPLED);
    expect(taken.map((t) => t.kind)).toEqual(['pagerank', 'eigenvector', ...Array(PASS_PARTS).fill('passes')]);
    expect(helped.threads).toBe(1);
    const keys = ['pagerank', 'eigenvector', 'betweenness', 'closeness'] as const;
    for (const key of keys) expect(helped[key], key).toEqual(alone[key]);
    // Still running somewhere, it writes on: what the caller returned is not its columns, and does not change.
    for (const t of taken) (t.out ?? t.betweenness)!.fill(1e9);
    for (const key of keys) expect(helped[key], key).toEqual(alone[key]);
    // Given up on: a later task is not handed to it.
    useHelperThread(silent);
    expect(betweennessAndCloseness(g, SAMPLED).threads).toBe(1);
    useHelperThread(undefined);
    expect(taken).toHaveLength(2 + PASS_PARTS);
  });

  it('should not wait out its patience for a helper already let go', () => {
    // Three tasks taken by a helper that then stops: each is run here at once, not after a minute each.
    const silent: HelperThread = { post: (task) => Atomics.store(task.state, 0, 1) };
    useHelperThread(undefined);
    const g = random();
    const alone = computeCentralities(g, SAMPLED);
    useHelperThread(silent);
    const started = startCentralities(g, SAMPLED);
    helperThreadGone(silent);
    const at = performance.now();
    const helped = started.finish();
    expect(performance.now() - at).toBeLessThan(30_000);
    for (const key of ['pagerank', 'eigenvector', 'betweenness', 'closeness'] as const)
      expect(helped[key], key).toEqual(alone[key]);
  });
});

describe('starting the CLI helper thread', () => {
  it('should bundle its code itself, and run tasks posted before it started while this thread never yields', async () => {
    // Posted at once, and waited for without a return to the event loop: a thread whose start waited on this
    // thread's event loop would never take them.
    const cacheDir = mkdtempSync(join(tmpdir(), 'unravel-helper-'));
    try {
      const started = startHelperThread({ cacheDir });
      helpedBy(started);
      expect(await started.ready).toBe(true);
      expect(started.loaded()).toBe('bundle');
      await started.stop();
      // The next start loads the bundle kept by this one, and runs the same tasks on it.
      const next = startHelperThread({ cacheDir });
      helpedBy(next);
      expect(await next.ready).toBe(true);
      expect(next.loaded()).toBe('cache');
      await next.stop();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('should let the process end, as the CLI runs it (tsx on the command line)', () => {
    // A listener left on the thread, or a thread that inherited the command line's loader, kept the CLI alive.
    const script = `import { startHelperThread } from ${JSON.stringify(new URL('../../src/cli/helper-thread.ts', import.meta.url).href)};
      const helper = startHelperThread({ cacheDir: null });
      helper.ready.then((ok) => console.log(ok, helper.loaded()));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true bundle');
    expect(run.status).toBe(0);
  });

  it('should load its code through tsx where asked to', async () => {
    const started = startHelperThread({ bundle: false });
    helpedBy(started);
    expect(await started.ready).toBe(true);
    expect(started.loaded()).toBe('tsx');
    await started.stop();
  });
});

/**
 * `thread`, with each task taken by the helper before the caller goes on. Otherwise which thread runs a part
 * depends on how the two are scheduled: in a loaded test run the caller can finish its own half first and take
 * the part back (which is correct, and gives the same result, but is not what these tests look at).
 */
function takenBeforeGoingOn(thread: HelperThread, posted: { kind: string; state: Int32Array }[] = []): HelperThread {
  return {
    post(task, transfer) {
      posted.push(task);
      thread.post(task, transfer);
      // A hint is not taken: nobody waits for it.
      if (task.kind === 'passes-done') return;
      const until = performance.now() + 30_000;
      while (Atomics.load(task.state, 0) === 0 && performance.now() < until) Atomics.wait(task.state, 0, 0, 5);
    },
  };
}

/**
 * Centralities with no helper, and with `started`'s thread, each task taken there before this thread goes on:
 * all of it without returning to the event loop, as the pipeline's analysis runs. The two must agree.
 */
function helpedBy(started: StartedHelper) {
  const g = random(30_000, 150_000);
  const options = { ...SAMPLED, samples: 40 };
  useHelperThread(undefined);
  const alone = computeCentralities(g, options);
  const posted: { kind: string; state: Int32Array }[] = [];
  useHelperThread(takenBeforeGoingOn(started.thread, posted));
  const helped = computeCentralities(g, options);
  useHelperThread(undefined);
  for (const key of ['pagerank', 'eigenvector', 'betweenness', 'closeness', 'degree', 'strength'] as const)
    expect(helped[key], key).toEqual(alone[key]);
  // PageRank, the eigenvector and the passes, each run there (2), none taken back by the caller (3); then the
  // hint that the passes are done.
  const tasks = ['pagerank', 'eigenvector', ...Array(PASS_PARTS).fill('passes')];
  expect(posted.map((t) => t.kind)).toEqual([...tasks, 'passes-done']);
  expect(posted.slice(0, -1).map((t) => Atomics.load(t.state, 0))).toEqual(tasks.map(() => 2));
  expect(helped.threads).toBe(2);
}

describe('the CLI helper thread', () => {
  let started: StartedHelper;
  beforeAll(async () => {
    started = startHelperThread();
    expect(await started.ready).toBe(true);
  });
  afterAll(async () => started.stop());

  it('should run parts on another thread, with the same result bit for bit', () => {
    // Big enough that the main thread's half takes a good part of a second: the helper takes its part meanwhile.
    const big = random(30_000, 150_000);
    const cases: typeof CASES = [
      ...CASES,
      ['a 30,000-node graph, 40 sampled sources', () => big, { ...SAMPLED, samples: 40 }],
    ];
    for (const [what, make, options] of cases) {
      const g = make();
      const helped = alongside(g === big ? takenBeforeGoingOn(started.thread) : started.thread, g, options, what);
      if (g === big) expect(helped.threads, what).toBe(2);
    }
  });

  it('should run PageRank, the eigenvector and every part of the passes there too, with the same result bit for bit', () => {
    helpedBy(started);
  });
});
