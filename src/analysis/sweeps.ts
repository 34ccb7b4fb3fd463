// The triangular sweeps of PageRank's preconditioner (centrality.ts), over a triangle held as rows, and the vectors
// they read and write. They run in WebAssembly (sweeps.wat) where the platform allows it, about 2.7 times faster
// than the same loops in JavaScript, and in JavaScript otherwise (no WebAssembly, or a page whose content security
// policy forbids compiling it); both do the same operations in the same order, so the results are the same bit
// for bit.
import { zeros } from '../lib/typed';
import { SWEEPS_WASM } from './sweeps-wasm';

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

interface SweepsExports {
  backward(n: number, off: number, tg: number, a: number, v: number, t: number): void;
  forward(n: number, off: number, tg: number, a: number, u: number): void;
}

const PAGE = 65536;
/** Memories above this stay in JavaScript (wasm32 addresses 4 GB; engines may give less). */
const MAX_WASM_BYTES = 2 ** 31;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, once; null where WebAssembly is missing or may not be compiled here. */
function sweepsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(SWEEPS_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * A triangle with the row starts `offsets` (copied), room for its ties, and room for `vectors` vectors of n values.
 * `wasm: false` keeps it in JavaScript (tests compare the two).
 */
export function createTriangle(offsets: Int32Array, vectors: number, options: { wasm?: boolean } = {}): Triangle {
  const n = offsets.length - 1;
  const ties = offsets[n]!;
  const module = options.wasm === false ? null : sweepsModule();
  const bytes = 4 * (n + 1) + 4 * ties + 8 * ties + 8 * n * vectors + 16;
  if (module && bytes <= MAX_WASM_BYTES) {
    try {
      return wasmTriangle(module, offsets, ties, vectors, bytes);
    } catch {
      // A memory this large could not be had here: the same sweeps in JavaScript.
    }
  }
  return jsTriangle(offsets, ties, vectors);
}

function wasmTriangle(
  module: WebAssembly.Module,
  rowStarts: Int32Array,
  ties: number,
  vectors: number,
  bytes: number,
): Triangle {
  const n = rowStarts.length - 1;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
  const sweeps = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SweepsExports;
  const buffer = memory.buffer;
  // Float64 columns first, so that every one starts on 8 bytes.
  const a = new Float64Array(buffer, 0, ties);
  let at = 8 * ties;
  const made: Float64Array[] = [];
  const vectorStart = at;
  at += 8 * n * vectors;
  const offsets = new Int32Array(buffer, at, n + 1);
  offsets.set(rowStarts);
  const targets = new Int32Array(buffer, at + 4 * (n + 1), ties);
  const inMemory = (v: Float64Array) => {
    if (v.buffer !== buffer || v.length !== n) throw new Error('sweeps: a vector from another triangle');
    return v.byteOffset;
  };
  return {
    offsets,
    targets,
    a,
    engine: 'wasm',
    vector() {
      if (made.length >= vectors) throw new Error(`sweeps: only ${vectors} vectors were asked for`);
      const v = new Float64Array(buffer, vectorStart + 8 * n * made.length, n);
      made.push(v);
      return v;
    },
    backward(v, t) {
      sweeps.backward(n, offsets.byteOffset, targets.byteOffset, a.byteOffset, inMemory(v), inMemory(t));
    },
    forward(u) {
      sweeps.forward(n, offsets.byteOffset, targets.byteOffset, a.byteOffset, inMemory(u));
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
