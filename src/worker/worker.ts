// Worker entry: one request at a time; progress goes back tagged with the request's id.
import { handle, replyTransfer } from './case-worker';
import type { FromWorker, ToWorker } from './messages';
import { helperThreadGone, useHelperThread, type HelperThread } from '../lib/handoff';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  crossOriginIsolated?: boolean;
};

// A helper thread for betweenness's passes, PageRank and the eigenvector, where the page is cross-origin
// isolated (the two threads share their columns). It loads while the files are read; a task it has not taken
// runs here, with the same result.
if (scope.crossOriginIsolated) {
  const helper = new Worker(new URL('./helper.ts', import.meta.url), { type: 'module' });
  const thread: HelperThread = { post: (task, transfer = []) => helper.postMessage(task, transfer as Transferable[]) };
  helper.onerror = () => helperThreadGone(thread);
  useHelperThread(thread);
}

scope.onmessage = async ({ data }) => {
  const { id, request } = data;
  try {
    const reply = await handle(request, (progress) => scope.postMessage({ id, progress }));
    scope.postMessage({ id, ok: true, reply }, replyTransfer(reply));
  } catch (e) {
    scope.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
