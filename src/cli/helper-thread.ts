// A helper thread for the CLI: PageRank, the eigenvector and parts of betweenness's shortest-path passes run on
// it (src/analysis/helper-tasks.ts). It starts while the files are read, so it is ready when the analyses need
// it; a task it has not taken by then runs on the main thread, with the same result.
import { MessageChannel, receiveMessageOnPort, Worker, type TransferListItem } from 'node:worker_threads';
import { helperThreadGone, useHelperThread, type HandedTask, type HelperThread } from '../lib/handoff';

export interface StartedHelper {
  /** What `useHelperThread` was given. */
  thread: HelperThread;
  /** Whether the thread started (the passes do not wait for it: a part it has not taken runs on main). */
  ready: Promise<boolean>;
  stop(): Promise<void>;
}

export function startHelperThread(): StartedHelper {
  // The CLI's TypeScript runs through tsx (`node --import tsx`). Node 20 does not pass that loader on to a thread
  // (nodejs/node#47747), so the thread's entry, a module of its own, registers tsx's ES module loader and then
  // imports the helper's. (Loaded through tsx's require hook instead, as CommonJS, every call from one module
  // into another went through a getter: the helper read a call file's rows 1.3 times slower than this thread.)
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./helper-entry.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
  // An idle helper does not keep the process alive.
  worker.unref();
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
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  worker.once('error', letGo);
  worker.once('exit', letGo);
  return {
    thread: helper,
    ready,
    async stop() {
      letGo();
      await worker.terminate();
    },
  };
}
