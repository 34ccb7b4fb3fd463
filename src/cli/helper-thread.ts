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
  stop(): Promise<void>;
}

const ENTRY = new URL('./helper-entry.ts', import.meta.url);

/**
 * The helper's code as one ES module, bundled from its entry by esbuild (the CLI's TypeScript runner, tsx, runs on
 * it), or null where it cannot be. Bundled in esbuild's own process, in about 70 ms, while this thread reads; a
 * helper loaded module by module through tsx took 1.4 s to start at 1M rows, the time this thread took to read a
 * fifth of the call file alone. Bundled afresh at each start, so it is never older than the source.
 */
export async function bundleHelper(): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      // A package that asks for a Node module with `require` (papaparse's stream reader, unused here) gets one.
      banner: {
        js: `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(ENTRY.href)});`,
      },
    });
    return out.outputFiles[0]?.text ?? null;
  } catch {
    return null;
  }
}

/** The module a helper thread runs: the bundle, or else the entry itself through tsx's loader. */
function helperModule(bundle: string | null): URL {
  if (bundle !== null) return new URL(`data:text/javascript,${encodeURIComponent(bundle)}`);
  // Node 20 does not pass tsx's loader on to a thread (nodejs/node#47747), so this entry registers tsx's ES module
  // loader and then imports the helper's. (Loaded through tsx's require hook instead, as CommonJS, every call
  // from one module into another went through a getter: the helper read a call file's rows 1.3 times slower.)
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(ENTRY.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * Starts the helper thread and hands it to `useHelperThread` at once: tasks posted before the thread exists wait
 * for it, in order (a task's state says whether it was taken, so none waits on a thread that never starts).
 * `bundle` is the helper's code (see bundleHelper); null starts it through tsx.
 */
export function startHelperThread(bundle: Promise<string | null> = bundleHelper()): StartedHelper {
  let worker: Worker | undefined;
  let stopped = false;
  const waiting: [HandedTask, TransferListItem[] | undefined][] = [];
  const helper: HelperThread = {
    post(task: HandedTask, transfer) {
      const list = transfer as TransferListItem[] | undefined;
      if (worker) worker.postMessage(task, list);
      else if (!stopped) waiting.push([task, list]);
    },
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
  const letGo = () => {
    stopped = true;
    waiting.length = 0;
    helperThreadGone(helper);
  };
  const started = bundle.then((code) => {
    if (stopped) return undefined;
    const w = new Worker(helperModule(code));
    // An idle helper does not keep the process alive.
    w.unref();
    w.once('error', letGo);
    w.once('exit', letGo);
    worker = w;
    for (const [task, list] of waiting.splice(0)) w.postMessage(task, list);
    return w;
  });
  const ready = started.then(
    (w) =>
      new Promise<boolean>((resolve) => {
        if (!w) return resolve(false);
        w.once('message', () => resolve(true));
        w.once('error', () => resolve(false));
        w.once('exit', () => resolve(false));
      }),
  );
  return {
    thread: helper,
    ready,
    async stop() {
      letGo();
      // A thread not made yet never will be (see `started`).
      await worker?.terminate();
    },
  };
}
