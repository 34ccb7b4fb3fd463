import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTriangle, type Triangle } from '../../src/analysis/sweeps';
import { SWEEPS_WASM } from '../../src/analysis/sweeps-wasm';
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
  it('should run its sweeps in WebAssembly in Node, from bytes built from sweeps.wat', async () => {
    expect(readFileSync(new URL('../../src/analysis/sweeps-wasm.ts', import.meta.url), 'utf8')).toBe(
      await wasmModuleText(readFileSync(WAT, 'utf8')),
    );
    expect(SWEEPS_WASM.length).toBeGreaterThan(100);
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
