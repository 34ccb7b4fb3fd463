// A new number that starts when another stops and calls the same people: the same user on a new SIM (a burner,
// or a new handset). Used by the swap rule of entity resolution and, when that rule is off, as a finding.
import type { SourceRow } from '../model/types';
import type { CallTable } from '../model/call-table';
import { Arcs, degreeOf, type Csr } from '../analysis/csr';
import type { CallEnds } from './resolve';
import { zeros, type ColumnType } from '../lib/typed';
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
 * Take-overs by group number (see takeoverPairs): pair p is `oldGroup[p]` taken over by `newGroup[p]`, with the new
 * one's first call `firstCall[p]` (its number in the calls).
 */
export interface TakeoverPairs {
  size: number;
  oldGroup: Int32Array;
  newGroup: Int32Array;
  shared: Int32Array;
  similarity: Float64Array;
  oldLast: Float64Array;
  newFirst: Float64Array;
  firstCall: Int32Array;
}

type Allocate = <T extends Int32Array | Float64Array>(Type: ColumnType<T>, length: number) => T;

/** Room for `room` take-overs, from `allocate` (a task's shared columns, or `zeros`). */
export function takeoverRoom(room: number, allocate: Allocate = zeros): TakeoverPairs {
  return {
    size: 0,
    oldGroup: allocate(Int32Array, room),
    newGroup: allocate(Int32Array, room),
    shared: allocate(Int32Array, room),
    similarity: allocate(Float64Array, room),
    oldLast: allocate(Float64Array, room),
    newFirst: allocate(Float64Array, room),
    firstCall: allocate(Int32Array, room),
  };
}

/**
 * Pairs where the new number starts a week or more after the old one and within a week of its last call, the
 * old one never outlasts the new, and their contacts overlap by half or more on three or more shared contacts.
 * Each number is the person it is known to be (so far): `groupOf` gives an identifier's group by its number (the
 * calls' ends, `caller` and `callee`, are identifiers' numbers), of `groups` groups. Typed arrays only, so that a
 * helper thread can find them. Written into `out` (see takeoverRoom), its `size` set; null when it has no room.
 */
export function takeoverPairs(
  caller: ArrayLike<number>,
  callee: ArrayLike<number>,
  startOf: ArrayLike<number>,
  groupOf: ArrayLike<number>,
  groups: number,
  out: TakeoverPairs = takeoverRoom(groups),
): TakeoverPairs | null {
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
  const calls = caller.length;
  const arcs = new Arcs(calls);
  for (let k = 0; k < calls; k++) {
    const a = userOf(caller[k]!);
    const b = userOf(callee[k]!);
    if (a === b) continue;
    const start = startOf[k]!;
    seen(a, start, k);
    seen(b, start, k);
    arcs.add(a, b, 1);
  }
  // Each number's distinct contacts, sorted (the CSR merges repeated calls).
  const n = groupOfUser.length;
  // (the CSR's ids and index are not read here, and the CSR is dropped on return: its merged calls' room is kept
  // rather than copied away, a tenth of a second at 1M rows)
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
  out.size = 0;
  const room = out.oldGroup.length;
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
      if (out.size === room) return null;
      const p = out.size++;
      out.oldGroup[p] = groupOfUser[oldIndex]!;
      out.newGroup[p] = groupOfUser[newIndex]!;
      out.shared[p] = count;
      out.similarity[p] = similarity;
      out.oldLast[p] = last[oldIndex]!;
      out.newFirst[p] = first[newIndex]!;
      out.firstCall[p] = firstCall[newIndex]!;
    }
  }
  return out;
}

/** The take-overs of `pairs`, the groups named by `names`, ordered by the old name, then the new. */
export function takeoversOf(pairs: TakeoverPairs, names: readonly string[], calls: CallTable): Takeover[] {
  const out: Takeover[] = [];
  for (let p = 0; p < pairs.size; p++) {
    const k = pairs.firstCall[p]!;
    out.push({
      oldId: names[pairs.oldGroup[p]!]!,
      newId: names[pairs.newGroup[p]!]!,
      shared: pairs.shared[p]!,
      similarity: pairs.similarity[p]!,
      oldLast: pairs.oldLast[p]!,
      newFirst: pairs.newFirst[p]!,
      firstRow: { file: calls.file[k]!, row: calls.row[k]! },
    });
  }
  return out.sort((a, b) => (a.oldId < b.oldId ? -1 : a.oldId > b.oldId ? 1 : a.newId < b.newId ? -1 : 1));
}

/**
 * The take-overs among `people` (see takeoverPairs), where `people` gives, by an identifier's number in `ends`,
 * the person it is known to be (so far), as groups by number with their names (read without a look-up of any
 * text).
 */
export function findTakeovers(calls: CallTable, ends: CallEnds, people: Grouping): Takeover[] {
  const { groupOf, names } = people;
  // Room for a take-over per group, seldom too little (a new number may continue several old ones): then more.
  let room = Math.max(16, names.length);
  let pairs: TakeoverPairs | null;
  while (!(pairs = takeoverPairs(ends.caller, ends.callee, calls.start, groupOf, names.length, takeoverRoom(room))))
    room *= 2;
  return takeoversOf(pairs, names, calls);
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
