// The kernels' WebAssembly module (kernels.wat), compiled once, and a memory laid out in columns for one run of
// them. Where WebAssembly is missing, may not be compiled (a page whose content security policy refuses it) or
// cannot have the memory asked for, `kernelMemory` answers null and the caller runs its JavaScript twin.
import { KERNELS_WASM, KERNELS_WASM_SHARED } from './kernels-wasm';
import { MAX_BYTES, MAX_PAGES, PAGE } from './wasm-limits';

/** The kernels' exports (see kernels.wat); every pointer a byte offset into the memory. */
export interface Kernels {
  backward(n: number, off: number, tg: number, a: number, v: number, t: number): void;
  forward(n: number, off: number, tg: number, a: number, u: number): void;
  product(n: number, off: number, tg: number, w: number, x: number, y: number): void;
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
    place: number,
  ): void;
}

type Kind = 'f64' | 'i32' | 'u8';
type ViewOf<T extends Kind> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array;
export type Columns = Record<string, readonly [Kind, number]>;

const SIZE: Record<Kind, number> = { f64: 8, i32: 4, u8: 1 };

const compiled = new Map<boolean, WebAssembly.Module | null>();

/**
 * The compiled module importing a shared memory or an ordinary one, once each; null where WebAssembly is missing
 * or may not be compiled here.
 */
function kernelsModule(shared: boolean): WebAssembly.Module | null {
  let module = compiled.get(shared);
  if (module !== undefined) return module;
  try {
    const text = atob(shared ? KERNELS_WASM_SHARED : KERNELS_WASM);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    module = new WebAssembly.Module(bytes);
  } catch {
    module = null;
  }
  compiled.set(shared, module);
  return module;
}

/**
 * A module and a fresh memory of `pages` for it: shared memory where the platform has it (Node; a browser page or
 * worker only when cross-origin isolated). V8 counts an ordinary memory, like any ordinary ArrayBuffer, as memory
 * outside its heap, and when that has grown by 64 MB since the last full collection it starts one (see zeros in
 * lib/typed.ts): at 1M rows the memory betweenness's passes take on the main thread started one each run, whose
 * last pause, 0.3–0.5 s, fell inside the passes. A shared memory is not counted that way. Null where neither can
 * be had.
 */
function moduleAndMemory(pages: number): { module: WebAssembly.Module; memory: WebAssembly.Memory } | null {
  if (typeof SharedArrayBuffer === 'function') {
    const module = kernelsModule(true);
    if (module) {
      try {
        return { module, memory: new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true }) };
      } catch {
        // (no room for a shared memory this large here: an ordinary one, below, may still be had)
      }
    }
  }
  const module = kernelsModule(false);
  if (!module) return null;
  try {
    return { module, memory: new WebAssembly.Memory({ initial: pages }) };
  } catch {
    return null;
  }
}

/**
 * An instance of the kernels on a fresh, zeroed memory holding `columns` (each a kind and a length), with a view of
 * each: f64 columns first, then i32, then u8, so that each starts aligned. Null where WebAssembly cannot be had.
 */
export function kernelMemory<C extends Columns>(
  columns: C,
): { kernels: Kernels; views: { [P in keyof C]: ViewOf<C[P][0]> } } | null {
  const names = Object.keys(columns).sort((a, b) => SIZE[columns[b]![0]] - SIZE[columns[a]![0]]);
  let bytes = 0;
  for (const name of names) bytes += SIZE[columns[name]![0]] * columns[name]![1];
  if (bytes > MAX_BYTES) return null;
  const made = moduleAndMemory(Math.max(1, Math.ceil(bytes / PAGE)));
  if (!made) return null;
  const { module, memory } = made;
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
