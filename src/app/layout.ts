// The view's layout: ForceAtlas2 run in a worker of its own (layout-worker.ts) until its picture has settled, or
// to a limit by the view's size. No DOM here, so that tests, the worker and the layout bench share the same rules.
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import DEFAULTS from 'graphology-layout-forceatlas2/defaults.js';
import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

/**
 * A layout stops when it has settled: over its last `SETTLE_WINDOW` iterations, an iteration moved its entities,
 * on average, less than this share of the drawing's width. ForceAtlas2 never quite stops moving; at this pace a
 * drawing 600 pixels wide drifts by a third of a pixel an iteration.
 */
export const SETTLED_MOVE = 0.0005;
/** Iterations between two measures of the move. */
export const SETTLE_WINDOW = 10;
/** A layout runs at least this many iterations, whatever it measures: its first ones gather speed. */
export const MIN_ITERATIONS = 50;

/**
 * The longest one run of the layout goes on, by the view's size: 2.5 s and 4 ms an entity, at most 30 s. The
 * layout runs in its own worker, which does not wait for the page to draw each iteration, so a large view settles
 * in the time its iterations take (BENCHMARKS.md, "The layout of a large view"). If it has not settled by then,
 * the layout button's tooltip says how much it still moved, and _Run layout_ goes on from there.
 */
export function layoutLimitMs(order: number): number {
  return Math.min(30_000, 2500 + order * 4);
}

export type LayoutEnd = 'running' | 'settled' | 'limit' | 'stopped';

export interface LayoutReport {
  ms: number;
  /** 'settled': below SETTLED_MOVE; 'limit': stopped at layoutLimitMs; 'stopped': by the user or a new view. */
  end: LayoutEnd;
  /** The mean move an iteration over the last window measured, as a share of the drawing's width (null before). */
  move: number | null;
  /** Iterations run. */
  iterations: number;
  /** The longest that drawing this view has held the page (ms): from SLOW_FRAME_MS, only the end is drawn. */
  frameMs: number;
}

/**
 * A view that takes this long (ms) to draw is drawn when its layout ends, not as it goes: without a GPU a frame of
 * a whole city takes seconds, during which the page answers nothing and the rasteriser takes the core the layout
 * would use. With a GPU, such a frame takes milliseconds, and the picture moves as the layout runs.
 */
export const SLOW_FRAME_MS = 500;

/** ForceAtlas2's layout of a node matrix: 10 floats a node (x and y first), as graphology's helpers make it. */
const PER_NODE = 10;

/** The x, y pairs of a node matrix. */
export function positionsOf(nodes: Float32Array): Float32Array {
  const out = new Float32Array((nodes.length / PER_NODE) * 2);
  for (let i = 0, j = 0; i < nodes.length; i += PER_NODE, j += 2) {
    out[j] = nodes[i]!;
    out[j + 1] = nodes[i + 1]!;
  }
  return out;
}

/**
 * One run of ForceAtlas2 over its node and edge matrices (graphology-layout-forceatlas2's `iterate`, the same
 * iteration as its own worker's), in steps of a time budget, measuring every SETTLE_WINDOW iterations how far
 * an iteration moved the entities. Ends when settled, or at its time limit.
 */
export class LayoutRun {
  iterations = 0;
  move: number | null = null;
  end: LayoutEnd = 'running';
  private readonly settings: Required<ForceAtlas2Settings>;
  private readonly started: number;
  private before: Float32Array;

  constructor(
    settings: ForceAtlas2Settings,
    readonly nodes: Float32Array,
    readonly edges: Float32Array,
    private readonly limitMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.settings = { ...DEFAULTS, ...settings };
    this.started = now();
    this.before = positionsOf(nodes);
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return this.now() - this.started;
  }

  /** Runs iterations for about `budgetMs` (at least one, unless ended); answers how the run stands. */
  step(budgetMs: number): LayoutEnd {
    if (this.end !== 'running') return this.end;
    const until = this.now() + budgetMs;
    do {
      iterate(this.settings, this.nodes, this.edges);
      this.iterations++;
      if (this.iterations % SETTLE_WINDOW === 0) {
        const after = positionsOf(this.nodes);
        this.move = meanMove(this.before, after) / SETTLE_WINDOW;
        this.before = after;
        if (this.iterations >= MIN_ITERATIONS && this.move < SETTLED_MOVE) return (this.end = 'settled');
      }
      if (this.elapsed() >= this.limitMs) return (this.end = 'limit');
    } while (this.now() < until);
    return this.end;
  }

  /** The x, y pairs now, in the graph's node order. */
  positions(): Float32Array {
    return positionsOf(this.nodes);
  }
}

/** The mean distance between two position snapshots (x, y pairs), as a share of the later one's width. */
export function meanMove(before: ArrayLike<number>, after: ArrayLike<number>): number {
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

/** From the page to the layout worker. A run is named by its `id`; a newer start replaces the run before it. */
export type LayoutRequest =
  | {
      type: 'start';
      id: number;
      settings: ForceAtlas2Settings;
      /** graphology-layout-forceatlas2's node and edge matrices (helpers.graphToByteArrays), transferred. */
      nodes: ArrayBuffer;
      edges: ArrayBuffer;
      limitMs: number;
    }
  /** The page has drawn the last positions it was sent: the worker sends the next when it has them. */
  | { type: 'drawn'; id: number }
  | { type: 'stop'; id: number };

/** From the layout worker: the positions now (x, y pairs in the graph's node order) and how the run stands. */
export interface LayoutUpdate {
  id: number;
  positions: Float32Array;
  end: LayoutEnd;
  iterations: number;
  move: number | null;
  ms: number;
}
