// A new number that starts when another stops and calls the same people: the same user on a new SIM (a burner,
// or a new handset). Used by the swap rule of entity resolution and, when that rule is off, as a finding.
import type { SourceRow } from '../model/types';
import type { CallTable } from '../model/call-table';
import { Arcs, degreeOf, type Csr } from '../analysis/csr';
import type { CallEnds } from './resolve';
import type { UnionFind } from './union-find';
import { zeros, type ColumnType } from '../lib/typed';
import { handOff, helperReady, taskArray, taskState, withdraw, type HandedTask } from '../lib/handoff';
import { orderDescending } from '../lib/math';

const DAY = 86_400_000;
/** A contact called by more numbers than this (a shop, a taxi firm) says nothing about who is who. */
const MAX_SHARED_BY = 50;

export interface Takeover {
  oldId: string;
  newId: string;
  shared: number;
  /** Jaccard similarity of the two contact sets. */
  similarity: number;
  oldLast: number;
  newFirst: number;
  /** The new number's first call. */
  firstRow: SourceRow;
}

/** Identifiers in groups: identifier i (by its number in CallEnds) is in group `groupOf[i]`, named `names[g]`. */
export interface Grouping {
  groupOf: ArrayLike<number>;
  names: readonly string[];
}

/**
 * Pairs where the new number starts a week or more after the old one and within a week of its last call, the
 * old one never outlasts the new, and their contacts overlap by half or more on three or more shared contacts.
 * `people` gives, by an identifier's number in `ends`, the person it is known to be (so far), as groups by number
 * with their names (read without a look-up of any text).
 */
export function findTakeovers(calls: CallTable, ends: CallEnds, people: Grouping): Takeover[] {
  const { names } = people;
  const out: Takeover[] = [];
  const n = calls.length;
  const nameOf = (g: number) => names[g]!;
  takeoverPairs(
    ends.caller.subarray(0, n),
    ends.callee.subarray(0, n),
    calls.start.subarray(0, n),
    people.groupOf,
    names.length,
    (oldGroup, newGroup, shared, similarity, oldLast, newFirst, firstCall) =>
      out.push(takeoverOf(calls, nameOf, oldGroup, newGroup, shared, similarity, oldLast, newFirst, firstCall)),
  );
  return sortTakeovers(out);
}

/** A takeover as takeoverPairs finds it, named (`nameOf` a group's number), its first call by its row. */
function takeoverOf(
  calls: CallTable,
  nameOf: (group: number) => string,
  ...[oldGroup, newGroup, shared, similarity, oldLast, newFirst, firstCall]: Parameters<TakeoverFound>
): Takeover {
  return {
    oldId: nameOf(oldGroup),
    newId: nameOf(newGroup),
    shared,
    similarity,
    oldLast,
    newFirst,
    firstRow: { file: calls.file[firstCall]!, row: calls.row[firstCall]! },
  };
}

/** Takeovers in order of their old number's id, then their new one's. */
export function sortTakeovers(list: Takeover[]): Takeover[] {
  return list.sort((a, b) => (a.oldId < b.oldId ? -1 : a.oldId > b.oldId ? 1 : a.newId < b.newId ? -1 : 1));
}

/** A takeover as takeoverPairs finds it: by the two groups' numbers, and the new number's first call. */
export type TakeoverFound = (
  oldGroup: number,
  newGroup: number,
  shared: number,
  similarity: number,
  oldLast: number,
  newFirst: number,
  firstCall: number,
) => void;

/**
 * The takeovers between groups (see findTakeovers) of the calls' ends (`caller[k]`, `callee[k]`: identifier
 * numbers, grouped by `groupOf`, `groups` of them), each handed to `found`. Typed arrays alone: the call patterns'
 * run on the helper thread (call-figures.ts).
 */
export function takeoverPairs(
  caller: Int32Array,
  callee: Int32Array,
  start: Float64Array,
  groupOf: ArrayLike<number>,
  groups: number,
  found: TakeoverFound,
): void {
  // Numbers by index (one per person known so far, in the order the calls first name them), with their first and
  // last call; each call's two ends.
  const groupOfUser: number[] = [];
  const userOfGroup = zeros(Int32Array, groups).fill(-1);
  const first: number[] = [];
  const last: number[] = [];
  /** The call of each number's first call. */
  const firstCall: number[] = [];
  const userOf = (identifier: number): number => {
    const g = groupOf[identifier]!;
    let u = userOfGroup[g]!;
    if (u < 0) {
      u = userOfGroup[g] = groupOfUser.length;
      groupOfUser.push(g);
      first.push(Infinity);
      last.push(-Infinity);
      firstCall.push(-1);
    }
    return u;
  };
  /** Widens number x's span of calls to call k, at `start`. */
  const seen = (x: number, start: number, k: number) => {
    if (start < first[x]!) {
      first[x] = start;
      firstCall[x] = k;
    }
    if (start > last[x]!) last[x] = start;
  };
  const arcs = new Arcs(caller.length);
  for (let k = 0; k < caller.length; k++) {
    const a = userOf(caller[k]!);
    const b = userOf(callee[k]!);
    if (a === b) continue;
    const t = start[k]!;
    seen(a, t, k);
    seen(b, t, k);
    arcs.add(a, b, 1);
  }
  // Each number's distinct contacts, sorted (the CSR merges repeated calls).
  const n = groupOfUser.length;
  // (the CSR's ids and index by id are not read here, and the CSR is dropped on return: its merged calls' room is
  // kept rather than copied away, a tenth of a second at 1M rows)
  const contacts = arcs.toCsr(new Array<string>(n).fill(''), new Map(), false);
  const degree = (u: number) => degreeOf(contacts, u);
  // For each contact, the numbers that call it, soonest to stop first (then by number): a new number's possible
  // old ones stopped around when it started, so in a city where most numbers run all period long only the few
  // that stop early are ever visited. One list for all contacts, filled from the numbers in that order, where a
  // list per contact, each sorted, cost a sort per contact of a city.
  const callers = zeros(Int32Array, n);
  let count = 0;
  for (let u = 0; u < n; u++) if (degree(u) >= 3) callers[count++] = u;
  // Soonest to stop first, ties by number (orderDescending of the negated stops, in callers' order).
  const stops = Float64Array.from(callers.subarray(0, count), (u) => -last[u]!);
  const byLast = Int32Array.from(orderDescending(stops), (i) => callers[i]!);
  const callerStart = zeros(Int32Array, n + 1);
  for (let i = 0; i < count; i++) {
    const u = byLast[i]!;
    for (let k = contacts.offsets[u]!; k < contacts.offsets[u + 1]!; k++) callerStart[contacts.targets[k]! + 1]!++;
  }
  for (let c = 0; c < n; c++) callerStart[c + 1]! += callerStart[c]!;
  const fill = callerStart.slice(0, n);
  const callerOf = zeros(Int32Array, callerStart[n]!);
  for (let i = 0; i < count; i++) {
    const u = byLast[i]!;
    for (let k = contacts.offsets[u]!; k < contacts.offsets[u + 1]!; k++) callerOf[fill[contacts.targets[k]!]!++] = u;
  }
  // Each contact's soonest stop among its callers (Infinity: none): a contact none of whose callers stopped by a
  // new number's start is passed over with one read, where the walk of its list read three or four places apart
  // in memory to find that (most of this function's time in a city, profiled).
  const soonestStop = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < n; c++)
    if (callerStart[c + 1]! > callerStart[c]!) soonestStop[c] = last[callerOf[callerStart[c]!]!]!;
  const shared = new Map<number, number>();
  for (let newIndex = 0; newIndex < n; newIndex++) {
    if (degree(newIndex) < 3) continue;
    shared.clear();
    const latestStop = first[newIndex]! + 7 * DAY;
    for (let k = contacts.offsets[newIndex]!; k < contacts.offsets[newIndex + 1]!; k++) {
      const contact = contacts.targets[k]!;
      if (soonestStop[contact]! > latestStop) continue;
      const from = callerStart[contact]!;
      const to = callerStart[contact + 1]!;
      if (to - from > MAX_SHARED_BY) continue;
      for (let q = from; q < to; q++) {
        const oldIndex = callerOf[q]!;
        if (last[oldIndex]! > latestStop) break;
        if (
          oldIndex !== newIndex &&
          first[newIndex]! >= first[oldIndex]! + 7 * DAY &&
          last[oldIndex]! < last[newIndex]!
        )
          shared.set(oldIndex, (shared.get(oldIndex) ?? 0) + 1);
      }
    }
    for (const [oldIndex, count] of shared) {
      if (count < 3) continue;
      const union = degree(newIndex) + degree(oldIndex) - common(contacts, newIndex, oldIndex);
      const similarity = count / union;
      if (similarity < 0.5) continue;
      found(
        groupOfUser[oldIndex]!,
        groupOfUser[newIndex]!,
        count,
        similarity,
        last[oldIndex]!,
        first[newIndex]!,
        firstCall[newIndex]!,
      );
    }
  }
}

/** How many contacts two numbers share, their rows of `csr` being sorted. */
function common(csr: Csr, a: number, b: number): number {
  const { offsets, targets } = csr;
  let i = offsets[a]!;
  let j = offsets[b]!;
  let c = 0;
  while (i < offsets[a + 1]! && j < offsets[b + 1]!) {
    if (targets[i] === targets[j]) {
      c++;
      i++;
      j++;
    } else if (targets[i]! < targets[j]!) i++;
    else j++;
  }
  return c;
}

export function describeTakeover(t: Takeover, label: (id: string) => string): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `${label(t.newId)} takes over from ${label(t.oldId)}: ${t.shared} shared contacts (similarity ${t.similarity.toFixed(2)}), starting ${day(t.newFirst)} as the old number stops ${day(t.oldLast)}`;
}

/** Takeovers as takeoverPairs finds them, in columns: `count` of them. */
export interface TakeoverColumns {
  count: number;
  oldGroup: Int32Array;
  newGroup: Int32Array;
  shared: Int32Array;
  firstCall: Int32Array;
  similarity: Float64Array;
  oldLast: Float64Array;
  newFirst: Float64Array;
}

/** Where a task writes takeovers: room for some, and how many it wrote (-1: more than there was room for). */
export interface TakeoverRoom {
  columns: Omit<TakeoverColumns, 'count'>;
  count: Int32Array;
}

type Allocate = <T extends Int32Array | Float64Array>(Type: ColumnType<T>, length: number) => T;

/**
 * Room for a takeover a group of `groups` (a city has a handful; the pages not written cost no memory on shared
 * buffers).
 */
export function takeoverRoom(groups: number, allocate: Allocate): TakeoverRoom {
  const room = groups + 16;
  return {
    columns: {
      oldGroup: allocate(Int32Array, room),
      newGroup: allocate(Int32Array, room),
      shared: allocate(Int32Array, room),
      firstCall: allocate(Int32Array, room),
      similarity: allocate(Float64Array, room),
      oldLast: allocate(Float64Array, room),
      newFirst: allocate(Float64Array, room),
    },
    count: allocate(Int32Array, 1),
  };
}

/** takeoverPairs's takeovers written into `out`, as many as there is room for (else its count is -1). */
export function writeTakeovers(
  caller: Int32Array,
  callee: Int32Array,
  start: Float64Array,
  groupOf: ArrayLike<number>,
  groups: number,
  out: TakeoverRoom,
): void {
  const t = out.columns;
  let count = 0;
  takeoverPairs(
    caller,
    callee,
    start,
    groupOf,
    groups,
    (oldGroup, newGroup, shared, similarity, oldLast, newFirst, k) => {
      if (count < 0) return;
      if (count >= t.oldGroup.length) {
        count = -1;
        return;
      }
      t.oldGroup[count] = oldGroup;
      t.newGroup[count] = newGroup;
      t.shared[count] = shared;
      t.similarity[count] = similarity;
      t.oldLast[count] = oldLast;
      t.newFirst[count] = newFirst;
      t.firstCall[count] = k;
      count++;
    },
  );
  out.count[0] = count;
}

/** The takeovers a task wrote, or null where there was no room for them all. */
export function writtenTakeovers(out: TakeoverRoom): TakeoverColumns | null {
  const count = out.count[0]!;
  return count < 0 ? null : { count, ...out.columns };
}

/** Takeovers in columns as findTakeovers gives them: named (`nameOf` a group's number), in its order. */
export function namedTakeovers(t: TakeoverColumns, nameOf: (group: number) => string, calls: CallTable): Takeover[] {
  const out: Takeover[] = [];
  for (let i = 0; i < t.count; i++)
    out.push(
      takeoverOf(
        calls,
        nameOf,
        t.oldGroup[i]!,
        t.newGroup[i]!,
        t.shared[i]!,
        t.similarity[i]!,
        t.oldLast[i]!,
        t.newFirst[i]!,
        t.firstCall[i]!,
      ),
    );
  return sortTakeovers(out);
}

/** The swap rule's takeovers as a helper thread receives them: the calls' columns are shared with the caller. */
export interface TakeoversTask extends HandedTask {
  kind: 'takeovers';
  caller: Int32Array;
  callee: Int32Array;
  start: Float64Array;
  groupOf: Int32Array;
  groups: number;
  out: TakeoverRoom;
}

export function runTakeoversTask(task: TakeoversTask): void {
  writeTakeovers(task.caller, task.callee, task.start, task.groupOf, task.groups, task.out);
}

/** Takeovers started early, on groups that may yet change (see startTakeovers). */
export interface StartedTakeovers {
  /**
   * The takeovers between `groupOf`'s groups (names: `names`, by group), where those groups part the calls' ends
   * as the groups the takeovers were started on do (then the takeovers are the same); null where they do not.
   */
  on(groupOf: ArrayLike<number>, names: readonly string[]): Takeover[] | null;
}

/**
 * The swap rule's takeovers, started on the helper thread on the groups `uf` has made so far (the handsets'),
 * while this thread reads the register, the transfers and the journeys into resolution. They stand where the
 * other rules join none of the calls' numbers to each other (a register names one number a person, in a city):
 * takeoverPairs reads the groups only through the calls' ends. Undefined where no helper can take them (this
 * thread would find them twice where they do not stand, and the groups are not made).
 */
export function startTakeovers(calls: CallTable, uf: UnionFind): StartedTakeovers | undefined {
  if (!helperReady()) return undefined;
  const { roots, groupOf } = uf.numberGroups();
  const groups = roots.length;
  const n = calls.length;
  const task: TakeoversTask = {
    kind: 'takeovers',
    // (the calls' ends by their numbers in the table, which are resolution's too: see CallEnds)
    caller: calls.caller.subarray(0, n),
    callee: calls.callee.subarray(0, n),
    start: calls.start.subarray(0, n),
    groupOf,
    groups,
    out: takeoverRoom(groups, taskArray),
    state: taskState(),
  };
  const handed = handOff(task, (fresh) => {
    // A helper given up on may still write to the arrays it was handed.
    if (fresh) task.out = takeoverRoom(groups, zeros);
    runTakeoversTask(task);
  });
  return {
    on(now, names) {
      // The groups part the calls' ends alike when each early group meets one group now, and the other way round.
      const toNow = zeros(Int32Array, groups).fill(-1);
      const toEarly = zeros(Int32Array, names.length).fill(-1);
      for (const side of [task.caller, task.callee])
        for (let k = 0; k < n; k++) {
          const e = groupOf[side[k]!]!;
          const g = now[side[k]!]!;
          if (toNow[e] === -1 && toEarly[g] === -1) {
            toNow[e] = g;
            toEarly[g] = e;
          } else if (toNow[e] !== g || toEarly[g] !== e) {
            withdraw(task);
            return null;
          }
        }
      handed.join();
      const found = writtenTakeovers(task.out);
      return found && namedTakeovers(found, (e) => names[toNow[e]!]!, calls);
    },
  };
}
