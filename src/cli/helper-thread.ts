// A helper thread for the CLI: PageRank, the eigenvector and parts of betweenness's shortest-path passes run on
// it (src/analysis/helper-tasks.ts), and it reads part of a large call file (src/ingest/split-read.ts). It starts
// while the files are read, so it is ready when they need it; a task it has not taken by then runs on the main
// thread, with the same result.
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type TransferListItem } from 'node:worker_threads';
import { helperThreadGone, useHelperThread, type HandedTask, type HelperThread } from '../lib/handoff';

export interface StartedHelper {
  /** What `useHelperThread` was given. */
  thread: HelperThread;
  /** Whether the thread started (the passes do not wait for it: a part it has not taken runs on main). */
  ready: Promise<boolean>;
  /** How the thread loaded its code, once it has (see HelperLoad). */
  loaded(): HelperLoad | undefined;
  stop(): Promise<void>;
}

const ENTRY = new URL('./helper-entry.ts', import.meta.url);
/** How the thread loaded its code: a kept bundle, one bundled at this start, or module by module through tsx. */
export type HelperLoad = 'cache' | 'bundle' | 'tsx';

/**
 * The thread's first module, plain JavaScript. It loads the helper's code as one module bundled by esbuild (the
 * CLI's TypeScript runner, tsx, runs on it): the bundle kept from an earlier run where every file in it is as it
 * was, else one bundled now, in esbuild's own process, and kept (kept-bundle.mjs). Loaded module by module
 * through tsx's loader, the helper took 1 s and more to start at 1M rows (Node 20 runs that loader's hooks on a
 * thread of their own, which the reading threads then shared two cores with); bundled at each start, 0.2–1 s, with
 * esbuild's process beside the main thread; kept, about 0.2 s. The thread does this itself, so that a main thread
 * that never returns to its event loop (a synchronous analysis) does not keep it waiting. Where esbuild cannot
 * bundle, or `bundle` is false, it loads the entry through tsx. Node 20 does not pass tsx's loader on to a thread
 * (nodejs/node#47747), so that way registers it first. (Loaded through tsx's require hook instead, as CommonJS,
 * every call from one module into another went through a getter: the helper read a call file's rows 1.3 times
 * slower.)
 */
function bootstrap(bundle: boolean, cacheDir: string | null | undefined): string {
  const json = JSON.stringify;
  // (a cacheDir left undefined is left out: kept-bundle.mjs's own, UNRAVEL_CACHE_DIR's or node_modules/.cache's)
  const options = { entry: fileURLToPath(ENTRY), cacheDir };
  return `
import { parentPort } from 'node:worker_threads';
const { runEntry } = await import(${json(new URL('./kept-bundle.mjs', import.meta.url).href)});
await runEntry(${json(options)}, {
  bundle: ${json(bundle)},
  before: (how) => parentPort.postMessage({ loaded: how }),
});`;
}

/** Starts the helper thread (see bootstrap) and hands it to `useHelperThread`. */
export function startHelperThread({
  bundle = true,
  cacheDir,
}: {
  bundle?: boolean;
  /** Where the bundle is kept between runs (by default, see kept-bundle.mjs); null keeps none. */
  cacheDir?: string | null;
} = {}): StartedHelper {
  // None of the command line's Node options: inheriting the CLI's `--import tsx`, the thread loaded tsx's loader
  // before anything else (V8's flags, the heap's sizes among them, are the process's whatever this says).
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap(bundle, cacheDir))}`), {
    execArgv: [],
  });
  // An idle helper does not keep the process alive.
  worker.unref();
  let loaded: HelperLoad | undefined;
  const helper: HelperThread = {
    post: (task: HandedTask, transfer) => worker.postMessage(task, transfer as TransferListItem[] | undefined),
    // Answers read synchronously, by a caller in the middle of a step (see ReplyChannel).
    replies() {
      const { port1, port2 } = new MessageChannel();
      return {
        port: port2,
        receive: () => receiveMessageOnPort(port1)?.message,
        close: () => port1.close(),
      };
    },
  };
  useHelperThread(helper);
  // A helper that fails to start, or stops, is let go: the main thread runs every part from then on, and at
  // once any part the helper had taken.
  const letGo = () => helperThreadGone(helper);
  const ready = new Promise<boolean>((resolve) => {
    // Until the thread is ready (a listener left on would keep the process alive, the thread's `unref` aside).
    const listen = (message: unknown) => {
      if (message && typeof message === 'object' && 'loaded' in message)
        loaded = (message as { loaded: HelperLoad }).loaded;
      if (message !== 'ready') return;
      worker.off('message', listen);
      resolve(true);
    };
    worker.on('message', listen);
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  worker.once('error', letGo);
  worker.once('exit', letGo);
  return {
    thread: helper,
    ready,
    loaded: () => loaded,
    async stop() {
      letGo();
      await worker.terminate();
    },
  };
}
