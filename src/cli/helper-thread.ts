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
  /** How the thread loaded its code, once it has: one bundle, or module by module through tsx. */
  loaded(): 'bundle' | 'tsx' | undefined;
  stop(): Promise<void>;
}

const ENTRY = new URL('./helper-entry.ts', import.meta.url);

/**
 * The thread's first module, plain JavaScript. It bundles the helper's code into one module with esbuild (the
 * CLI's TypeScript runner, tsx, runs on it), in esbuild's own process, and imports that: about 0.3 s beside a busy
 * main thread, where the helper loaded module by module through tsx's loader took 1 s and more at 1M rows (Node 20
 * runs that loader's hooks on a thread of their own, which the reading threads then shared two cores with). The
 * bundle is made afresh at each start, so it is never older than the source; the thread makes it itself, so that
 * a main thread that never returns to its event loop (a synchronous analysis) does not keep it waiting. Where
 * esbuild cannot bundle, or `bundle` is false, it loads the entry through tsx. Node 20 does not pass tsx's loader
 * on to a thread (nodejs/node#47747), so that way registers it first. (Loaded through tsx's require hook
 * instead, as CommonJS, every call from one module into another went through a getter: the helper read a call
 * file's rows 1.3 times slower.)
 */
function bootstrap(bundle: boolean): string {
  const json = JSON.stringify;
  // A package that asks for a Node module with `require` (papaparse's stream reader, unused here) gets one.
  const banner = `import { createRequire } from 'node:module'; const require = createRequire(${json(ENTRY.href)});`;
  return `
import { parentPort } from 'node:worker_threads';
let code = null;
if (${json(bundle)}) {
  try {
    const esbuild = await import(${json(import.meta.resolve('esbuild'))});
    const { build, stop } = esbuild.build ? esbuild : esbuild.default;
    const out = await build({
      entryPoints: [${json(fileURLToPath(ENTRY))}],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      banner: { js: ${json(banner)} },
    });
    code = out.outputFiles[0]?.text ?? null;
    stop?.();
  } catch {
    code = null;
  }
}
parentPort.postMessage({ loaded: code === null ? 'tsx' : 'bundle' });
if (code !== null) await import('data:text/javascript,' + encodeURIComponent(code));
else {
  const { register } = await import(${json(import.meta.resolve('tsx/esm/api'))});
  register();
  await import(${json(ENTRY.href)});
}`;
}

/** Starts the helper thread (see bootstrap) and hands it to `useHelperThread`. */
export function startHelperThread({ bundle = true }: { bundle?: boolean } = {}): StartedHelper {
  // None of the command line's Node options: inheriting the CLI's `--import tsx`, the thread loaded tsx's loader
  // before anything else (V8's flags, the heap's sizes among them, are the process's whatever this says).
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap(bundle))}`), { execArgv: [] });
  // An idle helper does not keep the process alive.
  worker.unref();
  let loaded: 'bundle' | 'tsx' | undefined;
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
        loaded = (message as { loaded: 'bundle' | 'tsx' }).loaded;
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
