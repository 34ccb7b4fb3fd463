// The view's layout worker: runs ForceAtlas2 (LayoutRun) without waiting for the page. It sends the page new
// positions only once the page has drawn the last ones, so a page that takes seconds to draw a large view
// (software rendering) slows the picture's updates, not the layout; and it sends the last positions when the run
// ends, settled or at its limit.
import { LayoutRun, type LayoutRequest, type LayoutUpdate } from './layout';

/**
 * Iterations run between looks at the page's messages (at least one). The worker then yields with a timer, which
 * a browser holds for 4 ms or so: 8% of the time at most. (A message to itself would not wait, but Node, where the
 * tests run this worker, delivers such messages before any timer, and would never yield to the page's.)
 */
const STEP_MS = 50;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutUpdate, transfer: Transferable[]): void;
};

let run: LayoutRun | null = null;
let id = 0;
/** Whether the page is ready for new positions. */
let wanted = false;
let scheduled = false;
const schedule = () => {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    step();
  }, 0);
};

function step(): void {
  if (!run) return;
  const end = run.step(STEP_MS);
  if (wanted || end !== 'running') {
    wanted = false;
    const positions = run.positions();
    scope.postMessage({ id, positions, end, iterations: run.iterations, move: run.move, ms: run.elapsed() }, [
      positions.buffer,
    ]);
  }
  if (end === 'running') schedule();
  else run = null;
}

scope.onmessage = ({ data }) => {
  if (data.type === 'start') {
    run = new LayoutRun(data.settings, new Float32Array(data.nodes), new Float32Array(data.edges), data.limitMs);
    id = data.id;
    wanted = true;
    schedule();
  } else if (data.id === id) {
    // (Messages about a run that a newer one replaced are dropped.)
    if (data.type === 'drawn') wanted = true;
    else run = null;
  }
};
