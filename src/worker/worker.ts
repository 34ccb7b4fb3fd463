// Worker entry: one request at a time; progress goes back tagged with the request's id.
import { handle } from './case-worker';
import type { FromWorker, ToWorker } from './messages';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker): void;
};

scope.onmessage = async ({ data }) => {
  const { id, request } = data;
  try {
    const reply = await handle(request, (progress) => scope.postMessage({ id, progress }));
    scope.postMessage({ id, ok: true, reply });
  } catch (e) {
    scope.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
