// Typed-array helpers for the city-sized steps (links, projection, CSR, kernels): allocating a column, growing
// it, and sorting indices by small whole-number keys in linear time.

export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array;

export interface ColumnType<T extends Column> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

const SHARED = typeof SharedArrayBuffer === 'function';
/** Columns from this size (bytes) up are allocated on shared memory, where the platform has it. */
const SHARED_FROM = 1 << 16;

/**
 * A zero-filled column of `length` values. Large columns sit on a SharedArrayBuffer where the platform has one
 * (Node; a browser page only when cross-origin isolated), and on an ordinary ArrayBuffer otherwise. V8 counts
 * ordinary buffers as memory outside its heap and, each time that grows by 64 MB after a full collection, marks
 * the whole heap again. The analysis keeps its columns, so those collections free nothing: at 1M rows there were
 * eleven, at 0.4–0.9 s each, between reading and the ranking. Shared memory is not counted that way, and it is
 * zero-filled by the operating system rather than by a loop. It is freed the same way, when its array is
 * collected. Nothing here shares it with another thread.
 */
export function zeros<T extends Column>(Type: ColumnType<T>, length: number): T {
  const bytes = length * Type.BYTES_PER_ELEMENT;
  return SHARED && bytes >= SHARED_FROM ? new Type(new SharedArrayBuffer(bytes)) : new Type(length);
}

/** A copy of `column`, `length` long: cut, or padded with zeros (a growable column's next size). */
export function resized<T extends Column>(column: T, length: number): T {
  const out = zeros(column.constructor as ColumnType<T>, length);
  out.set(length < column.length ? (column.subarray(0, length) as T) : column);
  return out;
}

/** Each of `columns` resized (see resized): growable columns that grow together. */
export function resizedAll<T extends Record<string, Column>>(columns: T, length: number): T {
  const out = {} as T;
  for (const key in columns) out[key] = resized(columns[key]!, length);
  return out;
}

/**
 * Each of `columns` cut to its first `length` values, copied onto memory of its own, never shared: columns that
 * can then move to another thread (postMessage's transfer list takes no shared memory).
 */
export function cutAll<T extends Record<string, Column>>(columns: T, length: number): T {
  const out = {} as T;
  for (const key in columns) out[key] = columns[key]!.slice(0, length) as T[typeof key];
  return out;
}

/** 0, 1, …, size − 1. */
export function identity(size: number): Int32Array {
  const out = zeros(Int32Array, size);
  for (let i = 0; i < size; i++) out[i] = i;
  return out;
}

/** `items` stably sorted by `keyOf[item]`, keys in 0 … range − 1. */
export function countingSort(items: Int32Array, keyOf: ArrayLike<number>, range: number): Int32Array {
  const start = zeros(Int32Array, range + 1);
  for (let i = 0; i < items.length; i++) start[keyOf[items[i]!]! + 1]!++;
  for (let r = 0; r < range; r++) start[r + 1]! += start[r]!;
  const out = zeros(Int32Array, items.length);
  for (let i = 0; i < items.length; i++) out[start[keyOf[items[i]!]!]!++] = items[i]!;
  return out;
}
