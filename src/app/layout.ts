// When the view's layout (ForceAtlas2) has settled, and how long one run of it may go on: no DOM here, so that
// tests and the layout bench read the same rules.

/**
 * A layout stops when it has settled: over its last second, an iteration moved its entities, on average, less than
 * this share of the drawing's width. ForceAtlas2 never quite stops moving; at this pace a drawing 600 pixels wide
 * drifts by a third of a pixel an iteration. Counted by iterations, not seconds: the layout's worker waits for the
 * page to take each iteration's positions, and a page drawing a large view without a GPU takes seconds a frame.
 * (ForceAtlas2 with the app's settings on the 100k-row city's whole graph, in Node: 0.48% an iteration after 30
 * iterations, 0.09% after 60, 0.04% after 120, 0.024% after 300.)
 */
export const SETTLED_MOVE = 0.0005;
/** A layout runs at least this long, and at most `layoutLimitMs` of its view's size. */
export const LAYOUT_MIN_MS = 1500;

/**
 * The longest one run of the layout goes on, by the view's size: 2.5 s and 4 ms an entity, at most 8 s. A large
 * view may not have settled by then (BENCHMARKS.md, "The layout of a large view"); the layout button's tooltip says
 * how much it still moved, and _Run layout_ goes on from there. Longer runs would hold a machine without a GPU,
 * whose every frame of such a view takes seconds, for longer.
 */
export function layoutLimitMs(order: number): number {
  return Math.min(8000, 2500 + order * 4);
}

export interface LayoutReport {
  ms: number;
  /** 'settled': below SETTLED_MOVE; 'limit': stopped at layoutLimitMs; 'stopped': by the user or a new view. */
  end: 'running' | 'settled' | 'limit' | 'stopped';
  /** The mean move an iteration over the last second measured, as a share of the drawing's width (null before). */
  move: number | null;
  /** Iterations run. */
  iterations: number;
}

/** The mean distance between two position snapshots (x, y pairs), as a share of the later one's width. */
export function meanMove(before: Float64Array, after: Float64Array): number {
  let move = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < after.length; i += 2) {
    const x = after[i]!;
    const y = after[i + 1]!;
    move += Math.hypot(x - before[i]!, y - before[i + 1]!);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const width = Math.max(maxX - minX, maxY - minY);
  return after.length && width > 0 ? move / (after.length / 2) / width : 0;
}
