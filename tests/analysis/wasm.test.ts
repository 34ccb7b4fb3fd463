import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { brandesPasses } from '../../src/analysis/brandes';
import { eigenvector } from '../../src/analysis/centrality';
import { createCsr } from '../../src/analysis/csr';
import { createTriangle, type Triangle } from '../../src/analysis/sweeps';
import { kernelMemory } from '../../src/analysis/wasm';
import { KERNELS_WASM } from '../../src/analysis/kernels-wasm';
import { createRng } from '../../src/lib/rng';
import { WAT, wasmModuleText } from '../../scripts/build-wasm';

/** A random strict upper triangle of n rows, in both engines, with the same ties. */
function randomTriangles(n: number, density: number, seed: number): { wasm: Triangle; js: Triangle } {
  const rng = createRng(seed);
  const rows: number[][] = Array.from({ length: n }, (_, i) => {
    const row: number[] = [];
    for (let j = i + 1; j < n; j++) if (rng() < density) row.push(j);
    return row;
  });
  const offsets = new Int32Array(n + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
  const values = rows.flat().map(() => (rng() - 0.3) / (n * density + 1));
  const make = (wasm: boolean) => {
    const t = createTriangle(offsets, 3, { wasm });
    t.targets.set(rows.flat());
    t.a.set(values);
    return t;
  };
  return { wasm: make(true), js: make(false) };
}

describe('#createTriangle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('should run its sweeps in WebAssembly in Node, from bytes built from kernels.wat', async () => {
    expect(readFileSync(new URL('../../src/analysis/kernels-wasm.ts', import.meta.url), 'utf8')).toBe(
      await wasmModuleText(readFileSync(WAT, 'utf8')),
    );
    expect(KERNELS_WASM.length).toBeGreaterThan(100);
    const { wasm, js } = randomTriangles(5, 0.5, 1);
    expect(wasm.engine).toBe('wasm');
    expect(js.engine).toBe('js');
  });

  it('should give the same sweeps in WebAssembly as in JavaScript, bit for bit, and solve the triangular systems', () => {
    for (const [n, density, seed] of [
      [1, 0, 1],
      [2, 1, 2],
      [40, 0.3, 3],
      [300, 0.02, 4],
      [300, 0, 5],
    ] as const) {
      const { wasm, js } = randomTriangles(n, density, seed);
      const rng = createRng(seed + 100);
      const input = Array.from({ length: n }, () => rng() - 0.5);
      const [wv, wt, wu] = [wasm.vector(), wasm.vector(), wasm.vector()];
      const [jv, jt, ju] = [js.vector(), js.vector(), js.vector()];
      wv.set(input);
      jv.set(input);
      wasm.backward(wv, wt);
      js.backward(jv, jt);
      expect(Array.from(wt)).toEqual(Array.from(jt));
      wu.set(input);
      ju.set(input);
      wasm.forward(wu);
      js.forward(ju);
      expect(Array.from(wu)).toEqual(Array.from(ju));
      // Lᵀ t = v and L u = input, with L = I − (the triangle, transposed): the sweeps solve them.
      for (let i = 0; i < n; i++) {
        let lt = jt[i]!;
        for (let k = js.offsets[i]!; k < js.offsets[i + 1]!; k++) lt -= js.a[k]! * jt[js.targets[k]!]!;
        expect(lt).toBeCloseTo(input[i]!, 12);
      }
      const lu = Array.from(ju);
      for (let i = 0; i < n; i++)
        for (let k = js.offsets[i]!; k < js.offsets[i + 1]!; k++) lu[js.targets[k]!]! -= js.a[k]! * ju[i]!;
      lu.forEach((value, i) => expect(value).toBeCloseTo(input[i]!, 12));
    }
  });

  it('should give the kernels shared memory where the platform has it, and ordinary memory where not, with the same sweeps', () => {
    // V8 counts an ordinary memory as memory outside its heap, and its growth starts full collections (wasm.ts).
    const shared = kernelMemory({ x: ['f64', 8], y: ['i32', 3] })!;
    expect(shared.views.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.views.y.byteOffset).toBe(64);
    const before = randomTriangles(120, 0.1, 11);
    expect(before.wasm.a.buffer).toBeInstanceOf(SharedArrayBuffer);
    // A page that is not cross-origin isolated has no SharedArrayBuffer: the module importing an ordinary memory.
    vi.stubGlobal('SharedArrayBuffer', undefined);
    const plain = kernelMemory({ x: ['f64', 8] })!;
    expect(plain.views.x.buffer).toBeInstanceOf(ArrayBuffer);
    const after = randomTriangles(120, 0.1, 11);
    expect(after.wasm.engine).toBe('wasm');
    expect(after.wasm.a.buffer).toBeInstanceOf(ArrayBuffer);
    for (const t of [before, after]) {
      const v = t.wasm.vector();
      const out = t.wasm.vector();
      const jv = t.js.vector();
      const jout = t.js.vector();
      v.set(Array.from({ length: 120 }, (_, i) => Math.sin(i)));
      jv.set(v);
      t.wasm.backward(v, out);
      t.js.backward(jv, jout);
      expect(Array.from(out)).toEqual(Array.from(jout));
      expect(out.some((x, i) => x !== v[i])).toBe(true);
    }
  });

  it('should hand out only the vectors asked for, and refuse a vector from elsewhere', () => {
    const { wasm, js } = randomTriangles(10, 0.3, 9);
    for (const t of [wasm, js]) {
      t.vector();
      t.vector();
      t.vector();
      expect(() => t.vector()).toThrow(/only 3 vectors/);
    }
    expect(() => wasm.backward(new Float64Array(10), new Float64Array(10))).toThrow(/another triangle/);
  });
});

describe('#brandesPasses in WebAssembly', () => {
  /** A random graph's rows with each tie's length, ties often of equal length, so that shortest paths tie. */
  function randomGraph(n: number, ties: number, seed: number, lengths: number[]) {
    const rng = createRng(seed);
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const pairs: [string, string, number][] = [];
    for (let e = 0; e < ties; e++) {
      const a = Math.floor(rng() * n);
      const b = Math.floor(rng() * n);
      if (a !== b) pairs.push([ids[a]!, ids[b]!, lengths[Math.floor(rng() * lengths.length)]!]);
    }
    const g = createCsr(ids, pairs);
    const length = Float64Array.from(g.weights, (w) => 1 / w);
    return { offsets: g.offsets, targets: g.targets, length };
  }

  it('should give the same sums as the JavaScript passes, bit for bit, weighted and not, from sums already begun', () => {
    const cases = [
      randomGraph(1, 0, 1, [1]),
      randomGraph(30, 60, 2, [1, 2]),
      randomGraph(200, 500, 3, [1, 2, 3, 0.5]),
      // Two parts that never meet, and lengths 1/3 and 1/6 whose sums round differently along different paths.
      randomGraph(300, 350, 4, [3, 6, 1.5]),
      randomGraph(500, 3000, 5, [1, 1, 1, 7]),
    ];
    for (const graph of cases) {
      const n = graph.offsets.length - 1;
      const sources = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
      for (const unweighted of [false, true]) {
        // Sums already begun (a second part of sources adds onto them).
        const start = Float64Array.from({ length: n }, (_, i) => (i % 5) / 7);
        const [wb, wc, jb, jc] = [0, 1, 2, 3].map(() => Float64Array.from(start));
        brandesPasses(graph, sources, unweighted, wb!, wc!);
        brandesPasses(graph, sources, unweighted, jb!, jc!, { wasm: false });
        expect(Array.from(wb!)).toEqual(Array.from(jb!));
        expect(Array.from(wc!)).toEqual(Array.from(jc!));
        if (n > 1) expect(wb!.some((x, i) => x !== start[i])).toBe(true);
      }
    }
  });

  it('should count the two shortest paths of a square once each, and the middle of a path', () => {
    // a–b–d and a–c–d are both shortest; e hangs off d.
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const g = createCsr(ids, [
      ['a', 'b', 1],
      ['a', 'c', 1],
      ['b', 'd', 1],
      ['c', 'd', 1],
      ['d', 'e', 1],
    ]);
    const graph = { offsets: g.offsets, targets: g.targets, length: Float64Array.from(g.weights, (w) => 1 / w) };
    const b = new Float64Array(5);
    const c = new Float64Array(5);
    brandesPasses(graph, Int32Array.from([0, 1, 2, 3, 4]), false, b, c);
    // Counted from both ends of each pair: b and c carry half of a–d and of a–e; a and d half of b–c; d all of
    // a–e, b–e and c–e.
    expect(Array.from(b)).toEqual([1, 2, 2, 7, 0]);
    expect(c[4]).toBeCloseTo(1 + 1 / 2 + 1 / 2 + 1 / 3, 12);
  });
});

describe('#eigenvector in WebAssembly', () => {
  it('should give the same vector as the JavaScript product, bit for bit', () => {
    for (const [n, ties, seed] of [
      [1, 0, 1],
      [50, 120, 2],
      // Parts that never meet, and nodes with no tie.
      [400, 300, 3],
      [2000, 9000, 4],
    ] as const) {
      const rng = createRng(seed);
      const ids = Array.from({ length: n }, (_, i) => `n${i}`);
      const pairs: [string, string, number][] = [];
      for (let e = 0; e < ties; e++) {
        const a = Math.floor(rng() * n);
        const b = Math.floor(rng() * n);
        if (a !== b) pairs.push([ids[a]!, ids[b]!, 0.1 + rng() * 3]);
      }
      const g = createCsr(ids, pairs);
      const wasm = eigenvector(g);
      const js = eigenvector(g, 1e-10, 1000, { wasm: false });
      expect(Array.from(wasm)).toEqual(Array.from(js));
      expect(Math.max(...wasm)).toBe(1);
    }
  });
});

describe('#brandesPasses against counting every shortest path', () => {
  /**
   * Betweenness and closeness from all-pairs distances and path counts (Floyd–Warshall), summed as the passes sum
   * them: each source adds, for every other node v, the share of its shortest paths to each t that run through v,
   * and 1 / distance to every node it reaches. Lengths that are powers of two add up exactly.
   */
  function byCounting(n: number, ties: [number, number, number][], sources: number[]) {
    const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
    for (const [a, b, len] of ties) d[a]![b] = d[b]![a] = Math.min(d[a]![b]!, len);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
    // Paths from each source, counted in order of distance: sigma[s][t] = Σ sigma[s][u] over the ties u–t on a
    // shortest path.
    const sigma = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let s = 0; s < n; s++) {
      sigma[s]![s] = 1;
      const byDistance = [...Array(n).keys()].filter((t) => d[s]![t]! < Infinity).sort((x, y) => d[s]![x]! - d[s]![y]!);
      for (const t of byDistance)
        for (const [a, b, len] of ties)
          for (const [u, w] of [
            [a, b],
            [b, a],
          ] as const)
            if (w === t && d[s]![u]! + len === d[s]![t]!) sigma[s]![t]! += sigma[s]![u]!;
    }
    const betweenness = new Array<number>(n).fill(0);
    const closeness = new Array<number>(n).fill(0);
    for (const s of sources)
      for (let v = 0; v < n; v++) {
        if (v === s || d[s]![v] === Infinity) continue;
        closeness[v]! += 1 / d[s]![v]!;
        for (let t = 0; t < n; t++)
          if (t !== s && t !== v && d[s]![v]! + d[v]![t]! === d[s]![t]!)
            betweenness[v]! += (sigma[s]![v]! * sigma[v]![t]!) / sigma[s]![t]!;
      }
    return { betweenness, closeness };
  }

  function check(n: number, ties: [number, number, number][]) {
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const g = createCsr(
      ids,
      ties.map(([a, b, len]) => [ids[a]!, ids[b]!, 1 / len]),
    );
    const graph = { offsets: g.offsets, targets: g.targets, length: Float64Array.from(g.weights, (w) => 1 / w) };
    const sources = [...Array(n).keys()].filter((i) => i % 4 !== 3);
    const want = byCounting(n, ties, sources);
    for (const wasm of [true, false]) {
      const b = new Float64Array(n);
      const c = new Float64Array(n);
      brandesPasses(graph, Int32Array.from(sources), false, b, c, { wasm });
      b.forEach((x, v) => expect(x).toBeCloseTo(want.betweenness[v]!, 9));
      c.forEach((x, v) => expect(x).toBeCloseTo(want.closeness[v]!, 9));
    }
  }

  it("should follow a node's distance down each time a shorter path to it is found before it is reached", () => {
    // From s: a, b, c at 1, 2, 3 each offer x a shorter path (11, then 7, then 4), and c2 ties c's (4 again);
    // y hangs off x, and z is reached from x and, shorter, from b.
    const [s, a, b, c, c2, x, y, z] = [0, 1, 2, 3, 4, 5, 6, 7];
    check(8, [
      [s, a, 1],
      [s, b, 2],
      [s, c, 2],
      [c, c2, 1],
      [s, c2, 2],
      [a, x, 8],
      [b, x, 4],
      [c, x, 2],
      [c2, x, 2],
      [x, y, 1],
      [x, z, 1],
      [b, z, 2],
    ]);
  });

  it('should give every shortest path its share on random graphs with many tied and shortened paths', () => {
    for (const [n, count, seed] of [
      [12, 30, 1],
      [40, 120, 2],
      [60, 150, 3],
    ] as const) {
      const rng = createRng(seed);
      const seen = new Set<string>();
      const ties: [number, number, number][] = [];
      while (ties.length < count) {
        const a = Math.floor(rng() * n);
        const b = Math.floor(rng() * n);
        const key = a < b ? `${a} ${b}` : `${b} ${a}`;
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        ties.push([a, b, [1, 2, 4, 8][Math.floor(rng() * 4)]!]);
      }
      check(n, ties);
    }
  });
});
