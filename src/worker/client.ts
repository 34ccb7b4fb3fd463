// The app's handle on the analysis worker: a promise per request, progress callbacks, and cancel. Cancel ends
// the worker (a running analysis cannot be interrupted any other way) and starts a fresh one for what follows.
import type { FromWorker, Progress, ReplyTo, Request, ToWorker } from './messages';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Pending {
  resolve(reply: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: Progress) => void;
}

export interface WorkerClient {
  call<T extends Request['type']>(
    request: Extract<Request, { type: T }>,
    onProgress?: (p: Progress) => void,
    transfer?: Transferable[],
  ): Promise<ReplyTo<T>>;
  /** Stops whatever is running; its promise rejects with Cancelled. */
  cancel(): void;
  dispose(): void;
}

export function createWorkerClient(spawn: () => Worker): WorkerClient {
  let worker: Worker | null = null;
  let next = 1;
  const pending = new Map<number, Pending>();

  const onMessage = ({ data }: MessageEvent<FromWorker>) => {
    const p = pending.get(data.id);
    if (!p) return;
    if ('progress' in data) return p.onProgress?.(data.progress);
    pending.delete(data.id);
    if (data.ok) p.resolve(data.reply);
    else p.reject(new Error(data.error));
  };
  const onError = (e: ErrorEvent) => {
    for (const p of pending.values()) p.reject(new Error(`the analysis worker failed: ${e.message}`));
    pending.clear();
  };
  const ensure = () => {
    if (!worker) {
      worker = spawn();
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    }
    return worker;
  };
  const stop = (reason: Error) => {
    worker?.terminate();
    worker = null;
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
  };

  return {
    call(request, onProgress, transfer = []) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (r: unknown) => void, reject, onProgress });
        ensure().postMessage({ id, request } satisfies ToWorker, transfer);
      });
    },
    cancel: () => stop(new Cancelled()),
    dispose: () => stop(new Error('the workspace was closed')),
  };
}
