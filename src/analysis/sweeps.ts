// The triangular sweeps of PageRank's preconditioner (centrality.ts), over a triangle held as rows, and the vectors
// they read and write. They run in WebAssembly (kernels.wat) where the platform allows it, about 2.7 times faster
// than the same loops in JavaScript, and in JavaScript otherwise (see wasm.ts); both do the same operations in the
// same order, so the results are the same bit for bit.
import { zeros } from '../lib/typed';
import { kernelMemory } from './wasm';

/** A strict triangle as rows (each row's columns after its own index), and where its sweeps run. */
export interface Triangle {
  /** n + 1 row starts into `targets` and `a`. */
  readonly offsets: Int32Array;
  /** Columns, to be filled by the caller. */
  readonly targets: Int32Array;
  /** Values, to be filled by the caller. */
  readonly a: Float64Array;
  readonly engine: 'wasm' | 'js';
  /** A new zeroed vector of n values that the sweeps can take; at most the number asked for at creation. */
  vector(): Float64Array;
  /** t = L⁻ᵀ v with L = I − (the triangle, transposed): t_i = v_i + Σ_j a_ij t_j, from the last row up. */
  backward(v: Float64Array, t: Float64Array): void;
  /** u = L⁻¹ u in place: u_i is whole when row i is reached, and row i then adds a_ij u_i into each later u_j. */
  forward(u: Float64Array): void;
}

/**
 * A triangle with the row starts `offsets` (copied), room for its ties, and room for `vectors` vectors of n values.
 * `wasm: false` keeps it in JavaScript (tests compare the two).
 */
export function createTriangle(offsets: Int32Array, vectors: number, options: { wasm?: boolean } = {}): Triangle {
  const n = offsets.length - 1;
  const ties = offsets[n]!;
  const memory = options.wasm === false ? null : kernelMemory(triangleColumns(n, ties, vectors));
  return memory ? wasmTriangle(memory, offsets, vectors) : jsTriangle(offsets, ties, vectors);
}

/** The triangle's columns in a kernels' memory: its values, the vectors, its row starts and its columns. */
const triangleColumns = (n: number, ties: number, vectors: number) =>
  ({
    a: ['f64', ties],
    vectors: ['f64', n * vectors],
    offsets: ['i32', n + 1],
    targets: ['i32', ties],
  }) as const;

type TriangleMemory = NonNullable<ReturnType<typeof kernelMemory<ReturnType<typeof triangleColumns>>>>;

function wasmTriangle({ kernels, views }: TriangleMemory, rowStarts: Int32Array, vectors: number): Triangle {
  const n = rowStarts.length - 1;
  const { a, offsets, targets } = views;
  offsets.set(rowStarts);
  let made = 0;
  const inMemory = (v: Float64Array) => {
    if (v.buffer !== a.buffer || v.length !== n) throw new Error('sweeps: a vector from another triangle');
    return v.byteOffset;
  };
  return {
    offsets,
    targets,
    a,
    engine: 'wasm',
    vector() {
      if (made >= vectors) throw new Error(`sweeps: only ${vectors} vectors were asked for`);
      return views.vectors.subarray(n * made, n * ++made);
    },
    backward(v, t) {
      kernels.backward(n, offsets.byteOffset, targets.byteOffset, a.byteOffset, inMemory(v), inMemory(t));
    },
    forward(u) {
      kernels.forward(n, offsets.byteOffset, targets.byteOffset, a.byteOffset, inMemory(u));
    },
  };
}

function jsTriangle(rowStarts: Int32Array, ties: number, vectors: number): Triangle {
  const n = rowStarts.length - 1;
  const offsets = Int32Array.from(rowStarts);
  const targets = zeros(Int32Array, ties);
  const a = zeros(Float64Array, ties);
  let made = 0;
  return {
    offsets,
    targets,
    a,
    engine: 'js',
    vector() {
      if (made++ >= vectors) throw new Error(`sweeps: only ${vectors} vectors were asked for`);
      return zeros(Float64Array, n);
    },
    backward: (v, t) => backwardSweep(offsets, targets, a, v, t),
    forward: (u) => forwardSweep(offsets, targets, a, u),
  };
}

function backwardSweep(offsets: Int32Array, targets: Int32Array, a: Float64Array, v: Float64Array, t: Float64Array) {
  for (let i = v.length - 1; i >= 0; i--) {
    let sum = v[i]!;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) sum += a[k]! * t[targets[k]!]!;
    t[i] = sum;
  }
}

function forwardSweep(offsets: Int32Array, targets: Int32Array, a: Float64Array, u: Float64Array) {
  for (let i = 0, n = u.length; i < n; i++) {
    const ui = u[i]!;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) u[targets[k]!]! += a[k]! * ui;
  }
}
