// Work handed to a helper thread on shared memory. Each task carries one shared Int32, its state: whoever moves
// it from POSTED first runs it. So the caller never waits for a helper that has not started (it takes the task
// back and runs it itself), and reruns a task the helper reports failed. No module here imports a platform's
// threads: the CLI and the app's worker each start a helper their own way (src/cli/helper-thread.ts,
// src/worker/worker.ts) and hand it over with `useHelperThread`.
import { zeros } from './typed';

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

/** A started helper thread: `post` hands it a task (it runs `runHanded` on its side). */
export interface HelperThread {
  post(task: HandedTask): void;
}

let helper: HelperThread | undefined;

/**
 * The helper thread tasks may go to from now on (none: `undefined`). Only a thread that may block (Node's main
 * thread, a worker; not a page's) should set one: it waits for the helper to finish what it took.
 */
export function useHelperThread(thread: HelperThread | undefined): void {
  helper = thread;
}

/** Stops using `thread` (one that failed or was stopped), if it is still the one in use. */
export function dropHelperThread(thread: HelperThread): void {
  if (helper === thread) helper = undefined;
}

const SHARED = typeof SharedArrayBuffer === 'function' && typeof Atomics.wait === 'function';

/** Whether tasks can go to a helper now: then their outputs and state must sit on shared memory. */
function helperReady(): boolean {
  return SHARED && helper !== undefined;
}

/**
 * A zero-filled Float64 column for a task's outputs: on shared memory when a helper may take the task (a small
 * column too, which `zeros` would put on an ordinary buffer), else as `zeros` makes it.
 */
export function taskColumn(length: number): Float64Array {
  return helperReady()
    ? new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8)).subarray(0, length)
    : zeros(Float64Array, length);
}

/** A task handed off: `join` returns once it has run, on the helper (true) or here (false). */
export interface Handoff {
  join(): boolean;
}

/**
 * Posts `task` to the helper, if there is one; `runHere` runs it on this thread instead, at `join`, if the
 * helper has not taken it by then or reports it failed. `runHere` must write the outputs whole (a failed
 * helper may have written part of them).
 */
export function handOff(task: HandedTask, runHere: () => void): Handoff {
  const thread = helperReady() ? helper : undefined;
  if (!thread)
    return {
      join() {
        runHere();
        return false;
      },
    };
  thread.post(task);
  return {
    join() {
      const { state } = task;
      if (Atomics.compareExchange(state, 0, POSTED, CALLER) === POSTED) {
        runHere();
        return false;
      }
      while (Atomics.load(state, 0) === HELPER) Atomics.wait(state, 0, HELPER);
      if (Atomics.load(state, 0) === DONE) return true;
      runHere();
      return false;
    },
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
