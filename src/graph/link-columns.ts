// The links' columns while they are built (build.ts), and the calls' links gathered as a task that the helper
// thread can take (src/lib/handoff.ts). At 1M rows the calls' links are two thirds of a second of the main
// thread's time, with the helper idle from the end of reading to the projection: the task is posted as soon as
// resolution has its groups, and the helper gathers the calls' links while the main thread makes the entities
// (resolve.ts) and their nodes (build.ts). No graphology here: the helper loads this module.
import { handOff, taskArray, taskState, type HandedTask } from '../lib/handoff';
import { resized, zeros, type Column, type ColumnType } from '../lib/typed';
import { CALL_TYPE_CODE, type CallTable } from '../model/call-table';
import type { Records } from '../model/types';

export const DAY = 86400000;

/** Numeric columns of the links while they are built, one value per link. */
const NUMERIC = [
  'count',
  'calls',
  'sms',
  'seconds',
  'forward',
  'backward',
  'trips',
  'weight',
  'first',
  'last',
] as const;
type NumericColumn = (typeof NUMERIC)[number];

/** Makes a zero-filled column: `zeros`, or `taskArray` for columns a helper thread writes. */
type Allocate = <T extends Column>(Type: ColumnType<T>, length: number) => T;

/** A LinkBuilder's arrays: what a task hands to the helper, which builds into them. */
export interface LinkParts {
  x: Int32Array;
  y: Int32Array;
  layer: Uint8Array;
  columns: Record<NumericColumn, Float64Array>;
  /** Link index + 1 in each slot; 0: empty. */
  slots: Int32Array;
}

/**
 * Links while they are built: found by their two ends and layer in an open-addressing table, their figures in
 * growable typed columns. No object and no number key per link: a city makes a million of them.
 */
export class LinkBuilder {
  x: Int32Array;
  y: Int32Array;
  layer: Uint8Array;
  columns: Record<NumericColumn, Float64Array>;
  private slots: Int32Array;

  /** A builder of `size` links held in `parts` (empty ones from `LinkBuilder.parts`). */
  constructor(
    parts: LinkParts,
    public size = 0,
  ) {
    ({ x: this.x, y: this.y, layer: this.layer, columns: this.columns, slots: this.slots } = parts);
  }

  /**
   * Empty arrays for about `expected` links at most (the rows they are made from). Columns that start at that
   * size need no growing, and a growth is a copy into fresh memory; the part never written is never paid for.
   * The table has room for them all without a rehash.
   */
  static parts(expected: number, allocate: Allocate = zeros): LinkParts {
    const capacity = Math.max(1024, expected);
    return {
      x: allocate(Int32Array, capacity),
      y: allocate(Int32Array, capacity),
      layer: allocate(Uint8Array, capacity),
      columns: Object.fromEntries(NUMERIC.map((c) => [c, allocate(Float64Array, capacity)])) as Record<
        NumericColumn,
        Float64Array
      >,
      slots: allocate(Int32Array, 2 ** Math.ceil(Math.log2(2 * capacity))),
    };
  }

  private static hash(x: number, y: number, code: number): number {
    return (Math.imul(x, 0x9e3779b1) ^ Math.imul(y * 4 + code, 0x85ebca77)) >>> 0;
  }

  /** The link of this layer from x to y, created (with zero figures) when new. */
  find(x: number, y: number, code: number): number {
    const mask = this.slots.length - 1;
    let slot = LinkBuilder.hash(x, y, code) & mask;
    for (;;) {
      const k = this.slots[slot]! - 1;
      if (k < 0) break;
      if (this.x[k] === x && this.y[k] === y && this.layer[k] === code) return k;
      slot = (slot + 1) & mask;
    }
    const k = this.size++;
    if (k === this.x.length) {
      const length = 2 * k;
      this.x = resized(this.x, length);
      this.y = resized(this.y, length);
      this.layer = resized(this.layer, length);
      for (const c of NUMERIC) this.columns[c] = resized(this.columns[c], length);
    }
    this.x[k] = x;
    this.y[k] = y;
    this.layer[k] = code;
    this.columns.first[k] = Infinity;
    this.columns.last[k] = -Infinity;
    this.slots[slot] = k + 1;
    if (2 * this.size > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = zeros(Int32Array, this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let slot = LinkBuilder.hash(this.x[k]!, this.y[k]!, this.layer[k]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
  }
}

/** A Touches' arrays (see LinkParts). */
export interface TouchParts {
  link: Int32Array;
  file: Int32Array;
  row: Int32Array;
  /** NaN for an undated row. */
  day: Float64Array;
}

/** The rows links are built from, in the order they are read: each row's link, file, row and UTC day. */
export class Touches {
  link: Int32Array;
  file: Int32Array;
  row: Int32Array;
  day: Float64Array;

  constructor(
    parts: TouchParts,
    public size = 0,
  ) {
    ({ link: this.link, file: this.file, row: this.row, day: this.day } = parts);
  }

  /** Empty arrays for about `expected` touches (see LinkBuilder.parts). */
  static parts(expected: number, allocate: Allocate = zeros): TouchParts {
    const capacity = Math.max(1024, expected);
    return {
      link: allocate(Int32Array, capacity),
      file: allocate(Int32Array, capacity),
      row: allocate(Int32Array, capacity),
      day: allocate(Float64Array, capacity),
    };
  }

  add(link: number, file: number, row: number, day: number): void {
    const t = this.size++;
    if (t === this.link.length) this.reserve(2 * t);
    this.link[t] = link;
    this.file[t] = file;
    this.row[t] = row;
    this.day[t] = day;
  }

  /** Room for `capacity` touches in all (a copy of each column, when more than they hold). */
  reserve(capacity: number): void {
    if (capacity <= this.link.length) return;
    this.link = resized(this.link, capacity);
    this.file = resized(this.file, capacity);
    this.row = resized(this.row, capacity);
    this.day = resized(this.day, capacity);
  }
}

/**
 * About how many rows will touch a link, at most: each call, transfer and edge row touches one; journeys touch a
 * few per traveller (build.ts makes room for more when they do).
 */
export function expectedTouches(records: Records): number {
  return records.calls.length + records.transfers.length + records.edges.length + 2 * records.travel.length;
}

/** What the calls' links task writes. */
export interface CallLinksOut {
  /** Room for every link and touch of the case (see expectedTouches): the build goes on in these columns. */
  links: LinkParts;
  touches: TouchParts;
  /** By entity (see CallLinksTask): the first and last call, and the calls between two of its own identifiers. */
  firstSeen: Float64Array;
  lastSeen: Float64Array;
  selfContacts: Int32Array;
  /** The links and the touches made; and 1 once the task has begun writing (a rerun starts on fresh arrays). */
  sizes: Int32Array;
}

/** The calls' links as a task: on the helper thread, or on the caller's when the helper has not taken it. */
export interface CallLinksTask extends HandedTask {
  kind: 'call-links';
  /** The call table's columns, one value per call. */
  caller: Int32Array;
  callee: Int32Array;
  start: Float64Array;
  duration: Float64Array;
  type: Uint8Array;
  file: Int32Array;
  row: Int32Array;
  /** The entity of each of the calls' ends, by the end's number (see CallEnds in resolve.ts). */
  entityOfEnd: Int32Array;
  out: CallLinksOut;
}

function callLinksOut(records: Records, entities: number, allocate: Allocate): CallLinksOut {
  const expected = expectedTouches(records);
  return {
    links: LinkBuilder.parts(expected, allocate),
    touches: Touches.parts(expected, allocate),
    firstSeen: allocate(Float64Array, entities),
    lastSeen: allocate(Float64Array, entities),
    selfContacts: allocate(Int32Array, entities),
    sizes: allocate(Int32Array, 3),
  };
}

/**
 * Each call added to its link in the calls layer (undirected, from the lower entity index; finishLinks in
 * build.ts turns it round where the ids order its ends the other way), and to its entities' first and last
 * call, in the calls' order. Its arrays hold every call's link and touch, so none grows.
 */
export function runCallLinksTask(task: CallLinksTask): void {
  const { out, caller, callee, start, duration, type, file, row, entityOfEnd } = task;
  out.sizes[2] = 1;
  const { firstSeen, lastSeen, selfContacts } = out;
  firstSeen.fill(Infinity);
  lastSeen.fill(-Infinity);
  selfContacts.fill(0);
  const links = new LinkBuilder(out.links);
  const touches = new Touches(out.touches);
  const L = links.columns;
  const seen = (i: number, time: number) => {
    if (time < firstSeen[i]!) firstSeen[i] = time;
    if (time > lastSeen[i]!) lastSeen[i] = time;
  };
  const sms = CALL_TYPE_CODE.sms;
  for (let r = 0; r < caller.length; r++) {
    const a = entityOfEnd[caller[r]!]!;
    const b = entityOfEnd[callee[r]!]!;
    const time = start[r]!;
    seen(a, time);
    seen(b, time);
    if (a === b) {
      selfContacts[a]!++;
      continue;
    }
    const forward = a < b;
    const k = forward ? links.find(a, b, 0) : links.find(b, a, 0);
    if (time < L.first[k]!) L.first[k] = time;
    if (time > L.last[k]!) L.last[k] = time;
    touches.add(k, file[r]!, row[r]!, Math.floor(time / DAY));
    L.count[k]!++;
    if (type[r] === sms) L.sms[k]!++;
    else L.calls[k]!++;
    L.seconds[k]! += duration[r]!;
    if (forward) L.forward[k]!++;
    else L.backward[k]!++;
  }
  out.sizes[0] = links.size;
  out.sizes[1] = touches.size;
}

/** The calls' links, started (see startCallLinks). */
export interface StartedCallLinks {
  /** The groups it was started on (resolution's `entityOf.groupOf`). */
  groupOf: Int32Array;
  /** The groups the calls name, ascending: the links' entity i is group `groups[i]`. */
  groups: Int32Array;
  /** Waits for the links (or gathers them here): the build goes on in these builders. */
  join(): {
    links: LinkBuilder;
    touches: Touches;
    firstSeen: Float64Array;
    lastSeen: Float64Array;
    selfContacts: Int32Array;
  };
}

/**
 * Starts gathering the calls' links between resolution's groups (`groupOf`, by each identifier's number; the
 * calls' ends are numbered first), handed to the helper thread where there is one. The entities are numbered
 * by group, in the order of the groups, counting only the groups the calls name.
 */
export function startCallLinks(records: Records, groupOf: Int32Array, groups: number): StartedCallLinks {
  const calls: CallTable = records.calls;
  const n = calls.length;
  const caller = calls.caller.subarray(0, n);
  const callee = calls.callee.subarray(0, n);
  const entityOfGroup = zeros(Int32Array, groups).fill(-1);
  for (let k = 0; k < n; k++) {
    entityOfGroup[groupOf[caller[k]!]!] = 0;
    entityOfGroup[groupOf[callee[k]!]!] = 0;
  }
  let entities = 0;
  for (let g = 0; g < groups; g++) if (entityOfGroup[g] === 0) entityOfGroup[g] = entities++;
  const named = zeros(Int32Array, entities);
  for (let g = 0; g < groups; g++) if (entityOfGroup[g]! >= 0) named[entityOfGroup[g]!] = g;
  const entityOfEnd = zeros(Int32Array, groupOf.length);
  for (let i = 0; i < groupOf.length; i++) entityOfEnd[i] = entityOfGroup[groupOf[i]!]!;
  const task: CallLinksTask = {
    kind: 'call-links',
    caller,
    callee,
    start: calls.start.subarray(0, n),
    duration: calls.duration.subarray(0, n),
    type: calls.type.subarray(0, n),
    file: calls.file.subarray(0, n),
    row: calls.row.subarray(0, n),
    entityOfEnd,
    out: callLinksOut(records, entities, taskArray),
    state: taskState(),
  };
  const handed = handOff(task, (fresh) => {
    // A helper given up on may still write to the arrays it was handed, and one that failed has written part.
    if (fresh || task.out.sizes[2] !== 0) task.out = callLinksOut(records, entities, zeros);
    runCallLinksTask(task);
  });
  return {
    groupOf,
    groups: named,
    join() {
      handed.join();
      const { out } = task;
      return {
        links: new LinkBuilder(out.links, out.sizes[0]),
        touches: new Touches(out.touches, out.sizes[1]),
        firstSeen: out.firstSeen,
        lastSeen: out.lastSeen,
        selfContacts: out.selfContacts,
      };
    },
  };
}
