import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallTable, IdentifierNumbers } from '../../src/model/call-table';
import { findTakeovers, type Grouping, type Takeover, type TakeoversTask } from '../../src/resolve/sim-takeover';
import { resolveEntities } from '../../src/resolve/resolve';
import { runHelperTask } from '../../src/analysis/helper-tasks';
import { useHelperThread, type HelperThread } from '../../src/lib/handoff';
import { sinkOf } from '../helpers';

const DAY = 86_400_000;

/**
 * The take-overs by their definition, pair by pair: the reference for findTakeovers. A new number (three or more
 * contacts) takes over from an old one when it starts a week or more after the old one started, the old one
 * stopped by a week after the new one started and never outlasts it, and three or more of the new one's
 * contacts, each called by at most 50 numbers of three or more contacts, were the old one's too, with a
 * Jaccard similarity of the two contact sets of a half or more.
 */
function takeoversByDefinition(calls: CallTable, keyOf: readonly string[]): Takeover[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const firstCall = new Map<string, number>();
  const contacts = new Map<string, Set<string>>();
  for (let k = 0; k < calls.length; k++) {
    const a = keyOf[calls.caller[k]!]!;
    const b = keyOf[calls.callee[k]!]!;
    if (a === b) continue;
    const start = calls.start[k]!;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!(start >= (first.get(x) ?? Infinity))) {
        first.set(x, start);
        firstCall.set(x, k);
      }
      if (start > (last.get(x) ?? -Infinity)) last.set(x, start);
      if (!contacts.has(x)) contacts.set(x, new Set());
      contacts.get(x)!.add(y);
    }
  }
  const degree = (x: string) => contacts.get(x)?.size ?? 0;
  const callersOf = (c: string) => [...contacts.keys()].filter((u) => degree(u) >= 3 && contacts.get(u)!.has(c));
  const out: Takeover[] = [];
  for (const newId of contacts.keys()) {
    if (degree(newId) < 3) continue;
    for (const oldId of contacts.keys()) {
      if (oldId === newId || degree(oldId) < 3) continue;
      const timed =
        first.get(newId)! >= first.get(oldId)! + 7 * DAY &&
        last.get(oldId)! < last.get(newId)! &&
        last.get(oldId)! <= first.get(newId)! + 7 * DAY;
      if (!timed) continue;
      const mine = [...contacts.get(newId)!];
      const shared = mine.filter((c) => {
        const callers = callersOf(c);
        return callers.length <= 50 && callers.includes(oldId);
      }).length;
      if (shared < 3) continue;
      const common = mine.filter((c) => contacts.get(oldId)!.has(c)).length;
      const similarity = shared / (degree(newId) + degree(oldId) - common);
      if (similarity < 0.5) continue;
      const k = firstCall.get(newId)!;
      out.push({
        oldId,
        newId,
        shared,
        similarity,
        oldLast: last.get(oldId)!,
        newFirst: first.get(newId)!,
        firstRow: { file: calls.file[k]!, row: calls.row[k]! },
      });
    }
  }
  return out.sort((a, b) => (a.oldId < b.oldId ? -1 : a.oldId > b.oldId ? 1 : a.newId < b.newId ? -1 : 1));
}

/**
 * A small town's calls over 90 days, at whole days and half days so that the week's bounds are met exactly: some
 * people change SIMs part-way, a few days either side of a week after the old one started, and go on calling
 * the same few contacts; everyone calls the town's shop now and then (more than 50 callers in a larger town).
 */
function town(seed: number, people: number, swapShare: number): CallTable {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (n: number) => Math.floor(rnd() * n);
  const calls = new CallTable(new IdentifierNumbers());
  let row = 2;
  const call = (caller: string, callee: string, day: number) =>
    calls.push({
      kind: 'calls',
      file: 0,
      row: row++,
      caller,
      callee,
      start: Date.UTC(2024, 0, 1) + day * DAY + (pick(2) * DAY) / 2,
      duration: 1,
      type: 'voice',
    });
  for (let p = 0; p < people; p++) {
    const contacts = Array.from({ length: 3 + pick(6) }, () => `tel:+4477007${1 + pick(40)}`);
    const begins = pick(20);
    // The new SIM starts 5 to 9 days after the old one's first call, and the old one stops within days of that.
    const swapAt = rnd() < swapShare ? begins + 5 + pick(5) : Infinity;
    const oldStops = swapAt + pick(10) - 2;
    for (let d = begins; d < 90; d += 1 + pick(3)) {
      const sim = d >= swapAt ? `tel:+4477009${p}` : `tel:+4477008${p}`;
      if (sim.startsWith('tel:+4477008') && d > oldStops) continue;
      call(sim, pick(4) === 0 ? 'tel:+4477000000' : contacts[pick(contacts.length)]!, d);
    }
  }
  return calls;
}

/** The people that `keyOf` names, as findTakeovers takes them: groups numbered in order of first sight. */
function groupingOf(keyOf: readonly string[]): Grouping {
  const names = [...new Set(keyOf)];
  return { groupOf: Int32Array.from(keyOf, (key) => names.indexOf(key)), names };
}

describe('#findTakeovers', () => {
  it('should find exactly the take-overs of the definition, for towns of any make-up and any grouping', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 5, max: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(3),
        (seed, people, share, merge) => {
          const calls = town(seed, people, share);
          const ends = {
            identifiers: calls.identifiers,
            caller: calls.caller.subarray(0, calls.length),
            callee: calls.callee.subarray(0, calls.length),
          };
          // As resolution knows them: each identifier alone, or some joined under one key.
          const keyOf = calls.identifiers.map((id, i) =>
            merge > 0 && i % (merge + 3) === 0 ? calls.identifiers[0]! : id,
          );
          const got = findTakeovers(calls, ends, groupingOf(keyOf));
          found += got.length;
          expect(got).toEqual(takeoversByDefinition(calls, keyOf));
          // The same people given as groups by number, numbered in another order (last key first), with names.
          const names = [...new Set(keyOf)].reverse();
          const groupOf = Int32Array.from(keyOf, (key) => names.indexOf(key));
          expect(findTakeovers(calls, ends, { groupOf, names })).toEqual(got);
        },
      ),
      { numRuns: 100 },
    );
    // The towns do hold take-overs: the property is not met by finding none.
    expect(found).toBeGreaterThan(0);
  });
});

describe('the swap rule’s takeovers, started early on the helper', () => {
  /** An old number calls four friends in January; a new one (another handset) calls the same four from February. */
  const BURNER = (() => {
    const rows = ['caller,callee,start,imei'];
    const friends = ['07700900101', '07700900102', '07700900103', '07700900104'];
    friends.forEach((f, i) => rows.push(`07700900001,${f},2024-01-0${i + 1} 10:00,356938035643809`));
    friends.forEach((f, i) => rows.push(`07700900002,${f},2024-02-0${i + 1} 10:00,490154203237518`));
    return rows.join('\n') + '\n';
  })();

  /**
   * A helper that runs the early takeovers as it is handed them and then changes what it found (the count of shared
   * contacts), so that a test sees whether resolution used them; every other task it leaves to the caller.
   */
  function tampering(posted: TakeoversTask[]): HelperThread {
    return {
      post(task) {
        if (task.kind !== 'takeovers') return;
        posted.push(task as TakeoversTask);
        runHelperTask(task as TakeoversTask);
        const { columns, count } = (task as TakeoversTask).out;
        for (let i = 0; i < count[0]!; i++) columns.shared[i] = 99;
      },
    };
  }

  function swapsWith(files: Record<string, string>, thread: HelperThread | undefined) {
    useHelperThread(thread);
    try {
      return resolveEntities(sinkOf(files).records).merges.filter((m) => m.rule === 'swap');
    } finally {
      useHelperThread(undefined);
    }
  }

  it('should link the takeovers found on the handsets’ groups where the other rules join no two numbers', () => {
    const alone = swapsWith({ 'c.csv': BURNER }, undefined);
    expect(alone.map((m) => m.reason)).toEqual([
      expect.stringMatching(/^\+447700900002 takes over from \+447700900001: 4 shared contacts/),
    ]);
    // A register that names one number a person (and an account): the groups part the numbers as the handsets do.
    const kyc = 'Customer ID,Full Name,MSISDN,IBAN\nC1,Jon Smith,07700900001,GB82WEST12345698765432\n';
    const posted: TakeoversTask[] = [];
    const early = swapsWith({ 'c.csv': BURNER, 'kyc.csv': kyc }, tampering(posted));
    expect(posted).toHaveLength(1);
    // What the helper found is what resolution linked (its count changed to tell).
    expect(early.map((m) => m.reason)).toEqual([expect.stringMatching(/: 99 shared contacts/)]);
    expect(early.map((m) => [m.a, m.b])).toEqual(alone.map((m) => [m.a, m.b]));
  });

  it('should find them again where the register joins two of the calls’ numbers', () => {
    // A register that makes the old number and one of its friends one person (by its customer id, or by a shared
    // account): that person's contacts are not the old number's alone, so the early takeovers do not stand.
    const kyc = 'Customer ID,Full Name,MSISDN\nC1,Jon Smith,07700900001\nC1,Jon Smith,07700900101\n';
    const both =
      'Customer ID,Full Name,MSISDN,IBAN\nC1,Jon Smith,07700900001,GB82WEST12345698765432\n' +
      'C2,Jo Smith,07700900101,GB82WEST12345698765432\n';
    for (const register of [kyc, both]) {
      const files = { 'c.csv': BURNER, 'kyc.csv': register };
      const posted: TakeoversTask[] = [];
      const early = swapsWith(files, tampering(posted));
      expect(posted).toHaveLength(1);
      expect(early).toEqual(swapsWith(files, undefined));
      expect(early.some((m) => m.reason.includes('99 shared'))).toBe(false);
    }
  });
});
