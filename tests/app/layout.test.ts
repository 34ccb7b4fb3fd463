import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import { describe, expect, it } from 'vitest';
import {
  layoutLimitMs,
  LayoutRun,
  meanMove,
  MIN_ITERATIONS,
  positionsOf,
  SETTLE_WINDOW,
  SETTLED_MOVE,
} from '../../src/app/layout';
import { createRng } from '../../src/lib/rng';

describe('#meanMove', () => {
  it("should give the mean distance moved as a share of the drawing's width (its larger side)", () => {
    // Two entities, the drawing 10 wide and 4 high after; one moved 3, the other 4 (a 3-4-5 move would be 5).
    const before = Float64Array.from([0, 0, 10, 4]);
    const after = Float64Array.from([3, 0, 10, 0]);
    expect(meanMove(before, after)).toBeCloseTo((3 + 4) / 2 / 7, 12);
    const diagonal = Float64Array.from([0, 0, 10, 0]);
    expect(meanMove(Float64Array.from([3, 4, 10, 0]), diagonal)).toBeCloseTo(5 / 2 / 10, 12);
  });
  it('should be 0 for no move, a single point or nothing', () => {
    const p = Float64Array.from([1, 2, 5, 9, -3, 4]);
    expect(meanMove(p, p)).toBe(0);
    expect(meanMove(Float64Array.from([0, 0]), Float64Array.from([1, 1]))).toBe(0);
    expect(meanMove(new Float64Array(), new Float64Array())).toBe(0);
  });
});

describe('#layoutLimitMs', () => {
  it('should give small views 2.5 s and 4 ms an entity, and no view more than 30 s', () => {
    expect(layoutLimitMs(0)).toBe(2500);
    expect(layoutLimitMs(326)).toBe(2500 + 326 * 4);
    expect(layoutLimitMs(6875)).toBe(30_000);
    expect(layoutLimitMs(20_000)).toBe(30_000);
  });
});

/** Two groups of `size` entities, dense inside and joined by a few ties, scattered at random. */
function twoGroups(size: number, seed = 7): Graph {
  const rng = createRng(seed);
  const g = new Graph({ type: 'undirected' });
  for (let i = 0; i < 2 * size; i++) g.addNode(String(i), { x: rng() * 100, y: rng() * 100, size: 4 });
  for (let i = 0; i < 2 * size; i++)
    for (let j = i + 1; j < 2 * size; j++) {
      const same = Math.floor(i / size) === Math.floor(j / size);
      if (rng() < (same ? 0.2 : 0.005)) g.addEdge(String(i), String(j), { weight: 1 + rng() * 3 });
    }
  return g;
}

const SETTINGS = { gravity: 1, scalingRatio: 2, slowDown: 8, barnesHutOptimize: true, barnesHutTheta: 1.2 };
const matrices = (g: Graph) => graphToByteArrays(g, (_, a) => a.weight as number);

describe('LayoutRun', () => {
  it("should run graphology's ForceAtlas2 iteration for iteration, and give x, y pairs in node order", () => {
    const g = twoGroups(40);
    const { nodes, edges } = matrices(g);
    const run = new LayoutRun(SETTINGS, nodes, edges, 60_000);
    // A step with no time budget runs one iteration.
    for (let i = 0; i < 25; i++) expect(run.step(0)).toBe('running');
    expect(run.iterations).toBe(25);
    const expected = forceAtlas2(g, { iterations: 25, settings: SETTINGS, getEdgeWeight: 'weight' });
    const positions = run.positions();
    expect(positions.length).toBe(2 * g.order);
    g.nodes().forEach((id, i) => {
      expect([positions[2 * i], positions[2 * i + 1]]).toEqual([expected[id]!.x, expected[id]!.y]);
    });
    // And they moved: the layout is not the start.
    expect(meanMove(positionsOf(matrices(g).nodes), positions)).toBeGreaterThan(0.01);
  });

  it('should stop when an iteration moves its entities less than SETTLED_MOVE of the width, measured each window', () => {
    const g = twoGroups(60);
    const { nodes, edges } = matrices(g);
    const run = new LayoutRun(SETTINGS, nodes, edges, 600_000);
    let before = positionsOf(nodes);
    const moves: number[] = [];
    while (run.step(0) === 'running') {
      if (run.iterations % SETTLE_WINDOW) continue;
      // Its measure is the move over the window, an iteration's share of it.
      const after = run.positions();
      expect(run.move).toBeCloseTo(meanMove(before, after) / SETTLE_WINDOW, 12);
      moves.push(run.move!);
      before = after;
    }
    expect(run.end).toBe('settled');
    expect(run.iterations % SETTLE_WINDOW).toBe(0);
    expect(run.iterations).toBeGreaterThanOrEqual(MIN_ITERATIONS);
    expect(run.move).toBeLessThan(SETTLED_MOVE);
    // It ran until the first window below the line, after its first MIN_ITERATIONS.
    expect(moves.slice(MIN_ITERATIONS / SETTLE_WINDOW - 1).every((m) => m >= SETTLED_MOVE)).toBe(true);
    expect(moves[0]).toBeGreaterThan(SETTLED_MOVE);
    expect(run.iterations).toBe((moves.length + 1) * SETTLE_WINDOW);
    // Once ended, a step runs nothing more.
    expect(run.step(1000)).toBe('settled');
    expect(run.iterations).toBe((moves.length + 1) * SETTLE_WINDOW);
  });

  it('should run at least MIN_ITERATIONS, even when nothing moves', () => {
    const g = new Graph();
    g.addNode('alone', { x: 0, y: 0 });
    const { nodes, edges } = matrices(g);
    const run = new LayoutRun(SETTINGS, nodes, edges, 600_000);
    while (run.step(0) === 'running');
    expect(run.end).toBe('settled');
    expect(run.iterations).toBe(MIN_ITERATIONS);
    expect(run.move).toBe(0);
  });

  it('should stop at its time limit, and run a step for its time budget', () => {
    let clock = 0;
    // Each look at the clock takes 1 ms.
    const now = () => clock++;
    const { nodes, edges } = matrices(twoGroups(40));
    const run = new LayoutRun(SETTINGS, nodes, edges, 200, now);
    expect(run.step(20)).toBe('running');
    // Two looks an iteration (the limit, the budget): ten iterations in 20 ms.
    expect(run.iterations).toBe(10);
    while (run.step(20) === 'running');
    expect(run.end).toBe('limit');
    expect(run.elapsed()).toBeGreaterThanOrEqual(200);
    expect(run.iterations).toBeLessThan(110);
  });
});
