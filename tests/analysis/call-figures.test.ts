// The call patterns' figures as a task (src/analysis/call-figures.ts): each entity's calls, night calls and
// bursts, worked out on the CLI's helper thread, or back on the caller's when the helper never takes the task,
// fails part way, or takes it and is never heard of again. Every way gives the same findings.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallFigures, type CallFiguresTask, type StartedCallFigures } from '../../src/analysis/call-figures';
import { startPatterns, type Finding } from '../../src/analysis/patterns';
import { runHelperTask } from '../../src/analysis/helper-tasks';
import { resolveEntities, type Resolution } from '../../src/resolve/resolve';
import { findTakeovers } from '../../src/resolve/sim-takeover';
import { useHelperThread, type HelperThread } from '../../src/lib/handoff';
import { startHelperThread, type StartedHelper } from '../../src/cli/helper-thread';
import { sinkOf } from '../helpers';

const dir = join(__dirname, '../../samples/case');
const files: Record<string, string> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
);
// A number that calls another once a day for 20 days at 2 p.m., and 15 more times on the 10th: a burst (16 calls
// against 1.75 a day); and one that calls at 1 a.m. on 12 nights.
const BURSTY = '+447700900901';
const NIGHTLY = '+447700900902';
const lines = ['caller,callee,start,duration,type'];
for (let d = 1; d <= 20; d++) {
  const day = `2024-03-${String(d).padStart(2, '0')}`;
  lines.push(`${BURSTY},+447700900911,${day}T14:00:00Z,60,voice`);
  if (d === 10) for (let k = 0; k < 15; k++) lines.push(`${BURSTY},+447700900912,${day}T15:${10 + k}:00Z,30,voice`);
  if (d <= 12) lines.push(`${NIGHTLY},+447700900913,${day}T01:00:00Z,60,voice`);
}
files['extra_calls.csv'] = lines.join('\n') + '\n';
const { records } = sinkOf(files);

/** The patterns' findings with `thread` as the helper, the figures started as the pipeline starts them. */
function findingsWith(thread: HelperThread | undefined): { findings: Finding[]; resolution: Resolution } {
  useHelperThread(thread);
  try {
    let started: StartedCallFigures | undefined;
    const resolution = resolveEntities(records, undefined, (groupOf, groups) => {
      started = startCallFigures(records, groupOf, groups, 'UTC');
    });
    const findings = startPatterns(records, resolution, (id) => id, undefined, started).finish(new Set());
    return { findings, resolution };
  } finally {
    useHelperThread(undefined);
  }
}

const alone = findingsWith(undefined);
const of = (kind: string) => alone.findings.filter((f) => f.kind === kind);

describe('the call patterns’ figures as a task', () => {
  it('should find the burst day and the night callers from the figures', () => {
    const bursts = of('burst');
    expect(bursts.map((f) => [f.entities, f.summary.replace(/^.*: /, '')])).toEqual([
      [['tel:' + BURSTY], '16 calls on 2024-03-10 (usually 1.8 a day)'],
    ]);
    expect(bursts[0]!.evidence).toHaveLength(2 * 16);
    const nightly = of('night-activity').find((f) => f.entities[0] === 'tel:' + NIGHTLY)!;
    expect(nightly.summary).toMatch(/^100% of .*'s 12 calls are between midnight and 5 a\.m\.$/);
    // The sample case's own night callers are there too.
    expect(of('night-activity').length).toBeGreaterThan(1);
  });

  it('should count each entity’s night calls, and mark only the entity with a burst', () => {
    const { entityOf, callEnds } = alone.resolution;
    const figures = startCallFigures(records, entityOf.groupOf, entityOf.entityIds.length, 'UTC').join();
    const bursty = entityOf.entityIds.filter((_, e) => figures.bursty[e] === 1);
    expect(bursty).toEqual(['tel:' + BURSTY]);
    // Night calls counted from the calls themselves, for every entity with ten calls or more.
    const calls = records.calls;
    const nights = new Map<number, number>();
    const callsOf = new Map<number, number>();
    for (let k = 0; k < calls.length; k++) {
      const ends = new Set([entityOf.groupOf[callEnds.caller[k]!]!, entityOf.groupOf[callEnds.callee[k]!]!]);
      const night = new Date(calls.start[k]!).getUTCHours() < 5 ? 1 : 0;
      for (const e of ends) {
        callsOf.set(e, (callsOf.get(e) ?? 0) + 1);
        nights.set(e, (nights.get(e) ?? 0) + night);
      }
    }
    for (const [e, count] of callsOf) expect(figures.nights[e]).toBe(count >= 10 ? nights.get(e) : 0);
    expect(figures.callList).toHaveLength([...callsOf.values()].reduce((a, b) => a + b, 0));
  });

  it('should give the same findings when the helper never takes the task', () => {
    const posted: CallFiguresTask[] = [];
    // (resolution's takeovers, started early, are posted too: see sim-takeover.test.ts)
    const idle: HelperThread = { post: (task) => task.kind === 'call-figures' && posted.push(task as CallFiguresTask) };
    expect(findingsWith(idle).findings).toEqual(alone.findings);
    expect(posted.map((t) => [t.kind, Atomics.load(t.state, 0)])).toEqual([['call-figures', 3]]);
    // Taken back by the caller: a helper that wakes up late leaves its arrays alone.
    const { out } = posted[0]!;
    out.nights.fill(-1);
    runHelperTask(posted[0]!);
    expect(new Set(out.nights)).toEqual(new Set([-1]));
  });

  it('should give the same findings when the helper fails part way, leaving garbage in the arrays', () => {
    const failing: HelperThread = {
      post(task) {
        if (task.kind !== 'call-figures') return;
        Atomics.store(task.state, 0, 1);
        const { out } = task as CallFiguresTask;
        out.began[0] = 1;
        out.callStart.fill(3);
        out.bursty.fill(1);
        out.nights.fill(1e6);
        Atomics.store(task.state, 0, 4);
      },
    };
    expect(findingsWith(failing).findings).toEqual(alone.findings);
  });

  it('should give the same findings when the helper takes the task and is never heard of again', () => {
    const taken: CallFiguresTask['out'][] = [];
    const silent: HelperThread = {
      patienceMs: 20,
      post(task) {
        if (task.kind !== 'call-figures') return;
        Atomics.store(task.state, 0, 1);
        taken.push((task as CallFiguresTask).out);
      },
    };
    expect(findingsWith(silent).findings).toEqual(alone.findings);
    // Still running somewhere, it writes on: the figures read are not its arrays.
    taken[0]!.bursty.fill(1);
    taken[0]!.atNight.fill(1);
    expect(findingsWith(undefined).findings).toEqual(alone.findings);
  });

  it('should find the new numbers that take over old ones’ contacts, as findTakeovers finds them', () => {
    // An old number calls four friends in January; a new one (another handset) calls the same four from February.
    const rows = ['caller,callee,start,imei'];
    const friends = ['07700900101', '07700900102', '07700900103', '07700900104'];
    friends.forEach((f, i) => rows.push(`07700900001,${f},2024-01-0${i + 1} 10:00,356938035643809`));
    friends.forEach((f, i) => rows.push(`07700900002,${f},2024-02-0${i + 1} 10:00,490154203237518`));
    const burner = sinkOf({ 'b.csv': rows.join('\n') + '\n' }).records;
    // The swap rule off: the two stay two entities, and the takeover is a finding.
    const resolution = resolveEntities(burner, { rules: ['kyc', 'imei'], exclude: [] });
    const { groupOf, entityIds } = resolution.entityOf;
    const figures = startCallFigures(burner, groupOf, entityIds.length, 'UTC').join();
    const t = figures.takeovers!;
    expect(t.count).toBe(1);
    expect([entityIds[t.oldGroup[0]!], entityIds[t.newGroup[0]!], t.shared[0], t.similarity[0]]).toEqual([
      'tel:+447700900001',
      'tel:+447700900002',
      4,
      1,
    ]);
    const found = findTakeovers(burner.calls, resolution.callEnds, { groupOf, names: entityIds });
    expect(found.map((x) => [x.oldId, x.newId, x.firstRow])).toEqual([
      ['tel:+447700900001', 'tel:+447700900002', { file: 0, row: 6 }],
    ]);
    // The finding from the figures' takeovers, and from findTakeovers where the figures had no room for them.
    const swaps = (takeovers: typeof figures.takeovers) =>
      startPatterns(burner, resolution, (id) => id, undefined, { groupOf, join: () => ({ ...figures, takeovers }) })
        .finish(new Set())
        .filter((f) => f.kind === 'sim-swap');
    const fromFigures = swaps(figures.takeovers);
    expect(fromFigures.map((f) => f.entities)).toEqual([['tel:+447700900002', 'tel:+447700900001']]);
    expect(fromFigures[0]!.summary).toMatch(/takes over from .*: 4 shared contacts \(similarity 1\.00\)/);
    expect(swaps(null)).toEqual(fromFigures);
  });

  it('should refuse figures started on another resolution', () => {
    const other = resolveEntities(records);
    const started = startCallFigures(records, other.entityOf.groupOf, other.entityOf.entityIds.length, 'UTC');
    expect(() => startPatterns(records, resolveEntities(records), (id) => id, undefined, started)).toThrow(
      /another resolution/,
    );
  });
});

describe('the call patterns’ figures on the CLI helper thread', () => {
  let helper: StartedHelper;
  beforeAll(async () => {
    helper = startHelperThread();
    expect(await helper.ready).toBe(true);
  });
  afterAll(async () => helper.stop());

  it('should work them out there, with the same findings', () => {
    const posted: CallFiguresTask[] = [];
    const watched: HelperThread = {
      post(task, transfer) {
        posted.push(task as CallFiguresTask);
        helper.thread.post(task, transfer);
        // Taken before the caller goes on: otherwise a loaded test run may take it back first (also correct).
        const until = performance.now() + 30_000;
        while (Atomics.load(task.state, 0) === 0 && performance.now() < until) Atomics.wait(task.state, 0, 0, 5);
      },
    };
    expect(findingsWith(watched).findings).toEqual(alone.findings);
    // Resolution's takeovers started early, then the figures: each done on the helper (2), not taken back (3).
    expect(posted.map((t) => [t.kind, Atomics.load(t.state, 0)])).toEqual([
      ['takeovers', 2],
      ['call-figures', 2],
    ]);
  });
});
