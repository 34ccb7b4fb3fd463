// The figures the call patterns read (patterns.ts): each entity's calls, which calls fall at night, each entity's
// night calls, the entities whose calls have a burst day, and the new numbers that take over old ones' contacts
// (sim-takeover.ts). They need only the calls' columns and resolution's
// groups, so the pipeline starts them on the helper thread as soon as the groups are final (with the calls'
// links, see link-columns.ts), while this thread makes the entities, the links and the projection; the patterns
// then read them. Where there is no helper, or it has not taken them, they are worked out here, by the same code.
import { handOff, taskArray, taskState, type HandedTask } from '../lib/handoff';
import { zoneOffsets } from '../lib/time-zones';
import { zeros, type ColumnType } from '../lib/typed';
import type { Records } from '../model/types';
import {
  takeoverRoom,
  writeTakeovers,
  writtenTakeovers,
  type TakeoverColumns,
  type TakeoverRoom,
} from '../resolve/sim-takeover';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Night: from midnight to 5 a.m., local time. */
export const NIGHT_ENDS = 5;
/** An entity with fewer calls has neither night activity nor bursts. */
export const MIN_CALLS = 10;
/** Bursts are looked for only in calls spread over this many days or more. */
export const MIN_DAYS = 5;
/** A burst day has this many calls or more, and this many times the entity's mean a day. */
export const BURST_CALLS = 10;
export const BURST_FACTOR = 5;

/** The figures, by entity number (resolution's group number, `entityOf.groupOf`) and by call number. */
export interface CallFigures {
  /** Entity e's calls are callList[callStart[e], callStart[e + 1]), in the calls' order (file, then row). */
  callStart: Int32Array;
  callList: Int32Array;
  /** 1 where the call falls at night (see NIGHT_ENDS) in the patterns' time zone. */
  atNight: Uint8Array;
  /** Each entity's night calls (0 for an entity of fewer than MIN_CALLS calls, which has no night activity). */
  nights: Int32Array;
  /** 1 where an entity of MIN_CALLS calls or more, over MIN_DAYS days or more, has a burst day. */
  bursty: Uint8Array;
  /** The takeovers between entities (see takeoverPairs), in the order found; null where there was no room for them. */
  takeovers: TakeoverColumns | null;
}

/**
 * What the task writes: the figures, the takeovers (see TakeoverRoom), and whether it began (a task that began
 * and was given up on wrote part).
 */
interface CallFiguresOut extends Omit<CallFigures, 'takeovers'> {
  takeovers: TakeoverRoom;
  began: Int32Array;
}

/** The figures as a helper thread receives them: the calls' columns are shared with the caller. */
export interface CallFiguresTask extends HandedTask {
  kind: 'call-figures';
  caller: Int32Array;
  callee: Int32Array;
  start: Float64Array;
  /** Each identifier's entity, by its number (the calls' ends are numbered first). */
  groupOf: Int32Array;
  timeZone: string;
  out: CallFiguresOut;
}

type Allocate = <T extends Int32Array | Uint8Array | Float64Array>(Type: ColumnType<T>, length: number) => T;

function callFiguresOut(calls: number, entities: number, allocate: Allocate): CallFiguresOut {
  return {
    takeovers: takeoverRoom(entities, allocate),
    callStart: allocate(Int32Array, entities + 1),
    // Room for both ends of every call; the pages not written cost no memory.
    callList: allocate(Int32Array, 2 * calls),
    atNight: allocate(Uint8Array, calls),
    nights: allocate(Int32Array, entities),
    bursty: allocate(Uint8Array, entities),
    began: allocate(Int32Array, 1),
  };
}

/** Works the figures out into the task's arrays. */
export function runCallFiguresTask(task: CallFiguresTask): void {
  const { caller, callee, start, groupOf, out } = task;
  out.began[0] = 1;
  const { callStart, callList, atNight, nights, bursty } = out;
  const n = caller.length;
  const entities = callStart.length - 1;
  // Each entity's calls as compressed rows: a call with both ends in one entity is listed once.
  for (let k = 0; k < n; k++) {
    const a = groupOf[caller[k]!]!;
    const b = groupOf[callee[k]!]!;
    callStart[a + 1]!++;
    if (b !== a) callStart[b + 1]!++;
  }
  for (let e = 0; e < entities; e++) callStart[e + 1]! += callStart[e]!;
  const fill = callStart.slice(0, entities);
  for (let k = 0; k < n; k++) {
    const a = groupOf[caller[k]!]!;
    const b = groupOf[callee[k]!]!;
    callList[fill[a]!++] = k;
    if (b !== a) callList[fill[b]!++] = k;
  }
  // The local hour by arithmetic (a Date per call costs more than the rest of this loop). The instant is cut to
  // whole milliseconds first, as a Date would cut it.
  const offsetOf = zoneOffsets(task.timeZone);
  for (let k = 0; k < n; k++) {
    const t = start[k]!;
    const hour = Math.floor(Math.trunc(t + offsetOf(t) * 60000) / HOUR) % 24;
    if ((hour < 0 ? hour + 24 : hour) < NIGHT_ENDS) atNight[k] = 1;
  }
  // Each entity's night calls, and whether a day has a burst of its calls: its call days sorted in a reused buffer.
  let days = new Float64Array(64);
  for (let e = 0; e < entities; e++) {
    const from = callStart[e]!;
    const length = callStart[e + 1]! - from;
    if (length < MIN_CALLS) continue;
    let night = 0;
    for (let q = from; q < from + length; q++) night += atNight[callList[q]!]!;
    nights[e] = night;
    if (days.length < length) days = new Float64Array(2 * length);
    const sorted = callDays(callList.subarray(from, from + length), start, days);
    if (burstDays(sorted).length) bursty[e] = 1;
  }
  writeTakeovers(caller, callee, start, groupOf, entities, out.takeovers);
}

/** The days of `list`'s calls, sorted, in `buffer` (as long as the list or longer). */
export function callDays(list: Int32Array, start: Float64Array, buffer: Float64Array): Float64Array {
  const sorted = buffer.subarray(0, list.length);
  for (let k = 0; k < list.length; k++) sorted[k] = Math.floor(start[list[k]!]! / DAY);
  return sorted.sort();
}

/**
 * The burst days of an entity's call days (sorted): each with its calls and the entity's mean a day, from its
 * first call day to its last. None when the calls span fewer than MIN_DAYS distinct days.
 */
export function burstDays(sorted: Float64Array): { day: number; count: number; mean: number }[] {
  let distinct = 1;
  for (let k = 1; k < sorted.length; k++) if (sorted[k] !== sorted[k - 1]) distinct++;
  if (distinct < MIN_DAYS) return [];
  const mean = sorted.length / (sorted[sorted.length - 1]! - sorted[0]! + 1);
  const out: { day: number; count: number; mean: number }[] = [];
  for (let k = 0; k < sorted.length;) {
    const day = sorted[k]!;
    let end = k + 1;
    while (end < sorted.length && sorted[end] === day) end++;
    const count = end - k;
    if (count >= BURST_CALLS && count >= BURST_FACTOR * mean) out.push({ day, count, mean });
    k = end;
  }
  return out;
}

/** The figures, started (see startCallFigures). */
export interface StartedCallFigures {
  /** The groups they were started on (resolution's `entityOf.groupOf`). */
  groupOf: Int32Array;
  /** Waits for the figures (or works them out here). */
  join(): CallFigures;
}

/** The task for the figures of `groupOf`'s groups, its outputs from `allocate`. */
function callFiguresTask(
  records: Records,
  groupOf: Int32Array,
  groups: number,
  timeZone: string,
  allocate: Allocate,
): CallFiguresTask {
  const calls = records.calls;
  const n = calls.length;
  return {
    kind: 'call-figures',
    caller: calls.caller.subarray(0, n),
    callee: calls.callee.subarray(0, n),
    start: calls.start.subarray(0, n),
    groupOf,
    timeZone,
    out: callFiguresOut(n, groups, allocate),
    state: taskState(),
  };
}

/** The figures a task wrote, its list cut to the calls listed. */
function figuresOf({ callStart, callList, atNight, nights, bursty, takeovers }: CallFiguresOut): CallFigures {
  return {
    callStart,
    callList: callList.subarray(0, callStart[callStart.length - 1]),
    atNight,
    nights,
    bursty,
    takeovers: writtenTakeovers(takeovers),
  };
}

/** The figures for resolution's groups (see startCallFigures), worked out here. */
export function callFigures(records: Records, groupOf: Int32Array, groups: number, timeZone: string): CallFigures {
  const task = callFiguresTask(records, groupOf, groups, timeZone, zeros);
  runCallFiguresTask(task);
  return figuresOf(task.out);
}

/**
 * Starts the call patterns' figures for resolution's groups (`groupOf`, by each identifier's number, `groups` of
 * them), in the patterns' time zone, handed to the helper thread where there is one.
 */
export function startCallFigures(
  records: Records,
  groupOf: Int32Array,
  groups: number,
  timeZone: string,
): StartedCallFigures {
  const task = callFiguresTask(records, groupOf, groups, timeZone, taskArray);
  const handed = handOff(task, (fresh) => {
    // A helper given up on may still write to the arrays it was handed, and one that failed has written part.
    if (fresh || task.out.began[0] !== 0) task.out = callFiguresOut(records.calls.length, groups, zeros);
    runCallFiguresTask(task);
  });
  let figures: CallFigures | undefined;
  return {
    groupOf,
    join() {
      if (!figures) {
        handed.join();
        figures = figuresOf(task.out);
      }
      return figures;
    },
  };
}
