// The kernels' WebAssembly module (kernels.wat), compiled once, and a memory laid out in columns for one run of
// them. Where WebAssembly is missing, may not be compiled (a page whose content security policy refuses it) or
// cannot have the memory asked for, `kernelMemory` answers null and the caller runs its JavaScript twin.
import { KERNELS_WASM } from './kernels-wasm';

/** The kernels' exports (see kernels.wat); every pointer a byte offset into the memory. */
export interface Kernels {
  backward(n: number, off: number, tg: number, a: number, v: number, t: number): void;
  forward(n: number, off: number, tg: number, a: number, u: number): void;
  passes(
    n: number,
    off: number,
    tg: number,
    len: number,
    src: number,
    nsrc: number,
    unweighted: number,
    bet: number,
    clo: number,
    dist: number,
    sigma: number,
    delta: number,
    order: number,
    predHead: number,
    queue: number,
    predNext: number,
    predNode: number,
    prio: number,
    node: number,
    done: number,
  ): void;
}

type Kind = 'f64' | 'i32' | 'u8';
type ViewOf<T extends Kind> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array;
export type Columns = Record<string, readonly [Kind, number]>;

const PAGE = 65536;
/** Memories above this are not asked for (wasm32 addresses 4 GB; engines may give less). */
const MAX_BYTES = 2 ** 31;
const SIZE: Record<Kind, number> = { f64: 8, i32: 4, u8: 1 };

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, once; null where WebAssembly is missing or may not be compiled here. */
function kernelsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(KERNELS_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * An instance of the kernels on a fresh, zeroed memory holding `columns` (each a kind and a length), with a view of
 * each: f64 columns first, then i32, then u8, so that each starts aligned. Null where WebAssembly cannot be had.
 */
export function kernelMemory<C extends Columns>(
  columns: C,
): { kernels: Kernels; views: { [P in keyof C]: ViewOf<C[P][0]> } } | null {
  const module = kernelsModule();
  if (!module) return null;
  const names = Object.keys(columns).sort((a, b) => SIZE[columns[b]![0]] - SIZE[columns[a]![0]]);
  let bytes = 0;
  for (const name of names) bytes += SIZE[columns[name]![0]] * columns[name]![1];
  if (bytes > MAX_BYTES) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
  } catch {
    return null;
  }
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernels;
  const views: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  let at = 0;
  for (const name of names) {
    const [kind, length] = columns[name]!;
    views[name] =
      kind === 'f64'
        ? new Float64Array(memory.buffer, at, length)
        : kind === 'i32'
          ? new Int32Array(memory.buffer, at, length)
          : new Uint8Array(memory.buffer, at, length);
    at += SIZE[kind] * length;
  }
  return { kernels, views: views as { [P in keyof C]: ViewOf<C[P][0]> } };
}
