// The calls' links gathered as a task (src/graph/link-columns.ts): on the CLI's helper thread, or back on the
// caller's when the helper never takes it, fails part way, or takes it and is never heard of again. Every way
// gives the same links, column for column.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLinks, type CaseLinks } from '../../src/graph/build';
import { startCallLinks, type CallLinksTask } from '../../src/graph/link-columns';
import { resolveEntities } from '../../src/resolve/resolve';
import { runHelperTask } from '../../src/analysis/helper-tasks';
import { analyseCase } from '../../src/analysis/pipeline';
import { useHelperThread, type HelperThread } from '../../src/lib/handoff';
import { startHelperThread, type StartedHelper } from '../../src/cli/helper-thread';
import type { Records } from '../../src/model/types';
import { sinkOf } from '../helpers';

const dir = join(__dirname, '../../samples/case');
const files: Record<string, string> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
);
// Three calls between two numbers, and rows of a generic edge list in the calls layer: one on that pair (it must
// add to their link, found in the table the task built), one between two nodes no call names.
files['extra_calls.csv'] =
  'caller,callee,start,duration,type\n+442071234567,+441212345678,2024-02-01T10:00:00Z,60,voice\n' +
  '+441212345678,+442071234567,2024-02-02T10:00:00Z,0,sms\n+442071234567,+441212345678,2024-02-03T10:00:00Z,5,voice\n';
files['edges.csv'] =
  'source,target,weight,type\n+442071234567,+441212345678,4,call\nbroker-a,broker-b,2,phone\nbroker-a,broker-c,1,note\n';
const { records } = sinkOf(files);

/** Every column of the links, as plain values. */
function columns(links: CaseLinks) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(links))
    out[key] = ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value;
  out.amounts = Array.from({ length: links.size }, (_, k) => links.amounts.get(k));
  delete out.index;
  return out;
}

/** The links built with `thread` as the helper, started as the pipeline starts them (with resolution's groups). */
function builtWith(thread: HelperThread | undefined, recs: Records = records) {
  useHelperThread(thread);
  try {
    let started: ReturnType<typeof startCallLinks> | undefined;
    const resolution = resolveEntities(recs, undefined, (groupOf, groups) => {
      started = startCallLinks(recs, groupOf, groups);
    });
    return buildLinks(recs, resolution, undefined, started);
  } finally {
    useHelperThread(undefined);
  }
}

const alone = builtWith(undefined);

describe('the calls’ links as a task', () => {
  it('should hold the calls, the generic call rows on the same pairs, and the other layers', () => {
    const at = (a: string, b: string, layer: number) =>
      Array.from({ length: alone.size }, (_, k) => k).find(
        (k) =>
          alone.layer[k] === layer &&
          [alone.ids[alone.source[k]!], alone.ids[alone.target[k]!]].sort().join() === [a, b].sort().join(),
      );
    // The edge row added to the calls' link of the two numbers, found in the task's table: 3 rows, 1 more.
    const pair = at('tel:+442071234567', 'tel:+441212345678', 0)!;
    expect(alone.count[pair]).toBe(4);
    expect(alone.calls[pair]).toBe(2 + 4);
    expect(alone.sms[pair]).toBe(1);
    expect(alone.sourceOffsets[pair + 1]! - alone.sourceOffsets[pair]!).toBe(4);
    // The 'phone' edge is a calls' link of its own; the 'note' one a generic link.
    expect(alone.calls[at('node:broker-a', 'node:broker-b', 0)!]).toBe(2);
    expect(at('node:broker-a', 'node:broker-c', 1)).toBeGreaterThanOrEqual(0);
    expect(new Set(alone.layer)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('should give the same links when the helper never takes the task', () => {
    const posted: CallLinksTask[] = [];
    // (resolution's takeovers, started early, are posted too, and left to the caller here)
    const idle: HelperThread = { post: (task) => task.kind === 'call-links' && posted.push(task as CallLinksTask) };
    expect(columns(builtWith(idle))).toEqual(columns(alone));
    expect(posted.map((t) => [t.kind, Atomics.load(t.state, 0)])).toEqual([['call-links', 3]]);
    // Taken back by the caller: a helper that wakes up late leaves its arrays alone.
    const sizes = Array.from(posted[0]!.out.sizes);
    runHelperTask(posted[0]!);
    expect(Array.from(posted[0]!.out.sizes)).toEqual(sizes);
  });

  it('should give the same links when the helper fails part way, leaving garbage in the arrays', () => {
    const failing: HelperThread = {
      post(task) {
        if (task.kind !== 'call-links') return;
        Atomics.store(task.state, 0, 1);
        const { out } = task as CallLinksTask;
        out.sizes[2] = 1;
        out.links.slots.fill(7);
        out.links.columns.count.fill(1e9);
        out.firstSeen.fill(-5);
        Atomics.store(task.state, 0, 4);
      },
    };
    expect(columns(builtWith(failing))).toEqual(columns(alone));
  });

  it('should give the same links when the helper takes the task and is never heard of again', () => {
    const taken: CallLinksTask['out'][] = [];
    const silent: HelperThread = {
      patienceMs: 20,
      post(task) {
        if (task.kind !== 'call-links') return;
        Atomics.store(task.state, 0, 1);
        // The arrays as posted: a real helper holds its own copy of the task, with these arrays in it.
        taken.push((task as CallLinksTask).out);
      },
    };
    const links = builtWith(silent);
    expect(columns(links)).toEqual(columns(alone));
    // Still running somewhere, it writes on: the links built are not in its arrays.
    taken[0]!.links.columns.count.fill(1e9);
    taken[0]!.touches.row.fill(-1);
    expect(columns(links)).toEqual(columns(alone));
  });

  it('should refuse a task started on another resolution', () => {
    const started = startCallLinks(records, resolveEntities(records).entityOf.groupOf, 1);
    expect(() => buildLinks(records, resolveEntities(records), undefined, started)).toThrow(/another resolution/);
  });
});

describe('the calls’ links on the CLI helper thread', () => {
  let helper: StartedHelper;
  beforeAll(async () => {
    helper = startHelperThread();
    expect(await helper.ready).toBe(true);
  });
  afterAll(async () => helper.stop());

  it('should gather them there, with the same links column for column', () => {
    const posted: CallLinksTask[] = [];
    const watched: HelperThread = {
      post(task, transfer) {
        posted.push(task as CallLinksTask);
        helper.thread.post(task, transfer);
        // Taken before the caller goes on: otherwise a loaded test run may take it back first (also correct).
        const until = performance.now() + 30_000;
        while (Atomics.load(task.state, 0) === 0 && performance.now() < until) Atomics.wait(task.state, 0, 0, 5);
      },
    };
    expect(columns(builtWith(watched))).toEqual(columns(alone));
    // Resolution's takeovers started early, then the links: each done on the helper (2), not taken back (3).
    expect(posted.map((t) => [t.kind, Atomics.load(t.state, 0)])).toEqual([
      ['takeovers', 2],
      ['call-links', 2],
    ]);
  });

  it('should give the pipeline the same result with the helper as without it', () => {
    const without = analyseCase(records);
    useHelperThread(helper.thread);
    try {
      const helped = analyseCase(records);
      expect(columns(helped.links)).toEqual(columns(without.links));
      expect(helped.analysis.ranking).toEqual(without.analysis.ranking);
    } finally {
      useHelperThread(undefined);
    }
  });
});
