// Work handed to a helper thread on shared memory. Each task carries one shared Int32, its state: whoever moves
// it from POSTED first runs it. So the caller never waits for a helper that has not started (it takes the task
// back and runs it itself), and reruns a task the helper reports failed. A helper that took a task and is still
// on it long after it should be done (a thread killed mid-task never says so) is given up: the caller runs the
// task itself, into outputs of its own, and hands nothing more to that helper. No module here imports a platform's
// threads: the CLI and the app's worker each start a helper their own way (src/cli/helper-thread.ts,
// src/worker/worker.ts) and hand it over with `useHelperThread`.
import { zeros, type Column, type ColumnType } from './typed';

const POSTED = 0;
const HELPER = 1;
const DONE = 2;
const CALLER = 3;
const FAILED = 4;

/** A task as posted: its kind, its inputs and its outputs (the outputs on shared memory), and its state. */
export interface HandedTask {
  kind: string;
  state: Int32Array;
}

/**
 * Where a helper posts a task's answers, which the caller reads without going back to its event loop (it may be
 * in the middle of a synchronous step): Node's MessageChannel, read with receiveMessageOnPort. A browser has no
 * such reading, so its helper offers none.
 */
export interface ReplyChannel {
  /** Goes on the task, and in its transfer list: the helper posts its answers to it. */
  port: unknown;
  /** The next answer posted, or undefined when there is none (yet). */
  receive(): unknown;
  close(): void;
}

/** A started helper thread: `post` hands it a task (it runs `runHanded` on its side), moving `transfer` to it. */
export interface HelperThread {
  post(task: HandedTask, transfer?: unknown[]): void;
  /** A new channel for a task's answers, where the platform has one (see ReplyChannel). */
  replies?(): ReplyChannel;
  /**
   * How long at least the caller waits for a task the helper has taken, in ms (default 60 s). It waits ten times
   * as long as it spent on its own work between posting the task and needing it, when that is longer.
   */
  patienceMs?: number;
}

const PATIENCE_MS = 60_000;
const PATIENCE_FACTOR = 10;

let helper: HelperThread | undefined;

/**
 * The helper thread tasks may go to from now on (none: `undefined`). Only a thread that may block (Node's main
 * thread, a worker; not a page's) should set one: it waits for the helper to finish what it took.
 */
export function useHelperThread(thread: HelperThread | undefined): void {
  helper = thread;
}

/** Stops using `thread`, if it is still the one in use; a task it has taken is still waited for. */
export function dropHelperThread(thread: HelperThread): void {
  if (helper === thread) helper = undefined;
}

/** Helpers that will finish nothing more: they failed, stopped or were given up on. */
const gone = new WeakSet<HelperThread>();

/**
 * Says that `thread` has failed or stopped: nothing more is handed to it, and a task it has taken and not
 * finished is run by the caller at once, without waiting out its patience.
 */
export function helperThreadGone(thread: HelperThread): void {
  gone.add(thread);
  dropHelperThread(thread);
}

const SHARED = typeof SharedArrayBuffer === 'function' && typeof Atomics.wait === 'function';

/** Whether tasks can go to a helper now: then their outputs and state must sit on shared memory. */
export function helperReady(): boolean {
  return SHARED && helper !== undefined && !gone.has(helper);
}

/**
 * A zero-filled column for a task's outputs: on shared memory when a helper may take the task (a small column
 * too, which `zeros` would put on an ordinary buffer), else as `zeros` makes it.
 */
export function taskArray<T extends Column>(Type: ColumnType<T>, length: number): T {
  if (!helperReady()) return zeros(Type, length);
  const shared = new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
  return shared.subarray(0, length) as T;
}

/** A task's Float64 output column (see taskArray). */
export function taskColumn(length: number): Float64Array {
  return taskArray(Float64Array, length);
}

/**
 * Posts work that only saves this thread time later (reading ahead): nothing waits for it, and nothing is lost if
 * the helper never runs it. False when there is no helper to post to.
 */
export function postHint(task: HandedTask, transfer?: unknown[]): boolean {
  const thread = helperReady() ? helper : undefined;
  thread?.post(task, transfer);
  return thread !== undefined;
}

/**
 * Waits while `cells[index]` is `busy` (`thread` is on the task posted at `posted`): true once it is not; false,
 * having given the helper up (see helperThreadGone), when it is gone or is still on it past the caller's patience.
 */
function waitWhile(thread: HelperThread, cells: Int32Array, index: number, busy: number, posted: number): boolean {
  const since = performance.now();
  const patience = Math.max(thread.patienceMs ?? PATIENCE_MS, PATIENCE_FACTOR * (since - posted));
  while (Atomics.load(cells, index) === busy) {
    const left = patience - (performance.now() - since);
    if (left <= 0 || gone.has(thread)) {
      helperThreadGone(thread);
      return false;
    }
    Atomics.wait(cells, index, busy, left);
  }
  return true;
}

/** A task handed off: `join` returns once it has run, on the helper (true) or here (false). */
export interface Handoff {
  join(): boolean;
}

/**
 * Takes back a posted task that is no longer wanted, so that a helper that has not started it never does (one
 * that has, finishes it unread). Nobody may join it after.
 */
export function withdraw(task: HandedTask): void {
  Atomics.compareExchange(task.state, 0, POSTED, CALLER);
}

/**
 * Posts `task` to the helper, if there is one; `runHere` runs it on this thread instead, at `join`, if the
 * helper has not taken it by then, reports it failed, or has been on it past the caller's patience.
 * `runHere(fresh)` must write the outputs whole (a failed helper may have written part of them); with `fresh`,
 * into new columns that it puts on the task in place of the shared ones, which a helper given up on may still
 * be writing to.
 */
export function handOff(task: HandedTask, runHere: (fresh: boolean) => void): Handoff {
  const thread = helperReady() ? helper : undefined;
  if (!thread)
    return {
      join() {
        runHere(false);
        return false;
      },
    };
  thread.post(task);
  const posted = performance.now();
  return {
    join() {
      const { state } = task;
      if (Atomics.compareExchange(state, 0, POSTED, CALLER) === POSTED) {
        runHere(false);
        return false;
      }
      if (!waitWhile(thread, state, 0, HELPER, posted)) {
        runHere(true);
        return false;
      }
      if (Atomics.load(state, 0) === DONE) return true;
      runHere(false);
      return false;
    },
  };
}

/** A task that answers on a channel (postAnswering): its answers, and a wait for the helper's progress. */
export interface Answering {
  receive(): unknown;
  /**
   * Waits while `cells[index]` is `busy` (the helper is on that piece of the task): true once it is not, false
   * when the helper is given up on (gone, or past the caller's patience, as for `handOff`).
   */
  waitWhile(cells: Int32Array, index: number, busy: number): boolean;
  close(): void;
}

/**
 * Posts the task `make` builds around a reply channel's port, when a helper that can answer is there (see
 * ReplyChannel); undefined when none is. The task decides what the helper does and how the caller knows it.
 */
export function postAnswering(make: (port: unknown) => HandedTask): Answering | undefined {
  const thread = helperReady() ? helper : undefined;
  const channel = thread?.replies?.();
  if (!thread || !channel) return undefined;
  thread.post(make(channel.port), [channel.port]);
  const posted = performance.now();
  return {
    receive: () => channel.receive(),
    close: () => channel.close(),
    waitWhile: (cells, index, busy) => waitWhile(thread, cells, index, busy, posted),
  };
}

/** A new task state, on shared memory when a helper may take the task. */
export function taskState(): Int32Array {
  return helperReady() ? new Int32Array(new SharedArrayBuffer(4)) : new Int32Array(1);
}

/** On the helper's side: takes the task unless the caller already has, runs it and says how it went. */
export function runHanded(task: HandedTask, run: () => void): void {
  if (Atomics.compareExchange(task.state, 0, POSTED, HELPER) !== POSTED) return;
  let outcome = DONE;
  try {
    run();
  } catch {
    outcome = FAILED;
  }
  Atomics.store(task.state, 0, outcome);
  Atomics.notify(task.state, 0);
}
