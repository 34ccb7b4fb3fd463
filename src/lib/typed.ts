// Typed-array helpers for the city-sized steps (links, projection, CSR): growing a column, and sorting indices
// by small whole-number keys in linear time.

export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array;

/** A copy of `column`, `length` long (the rest zero): a growable column's next size. */
export function grown<T extends Column>(column: T, length: number): T {
  const out = new (column.constructor as new (n: number) => T)(length);
  out.set(column);
  return out;
}

/** 0, 1, …, size − 1. */
export function identity(size: number): Int32Array {
  const out = new Int32Array(size);
  for (let i = 0; i < size; i++) out[i] = i;
  return out;
}

/** `items` stably sorted by `keyOf[item]`, keys in 0 … range − 1. */
export function countingSort(items: Int32Array, keyOf: ArrayLike<number>, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < items.length; i++) start[keyOf[items[i]!]! + 1]!++;
  for (let r = 0; r < range; r++) start[r + 1]! += start[r]!;
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[start[keyOf[items[i]!]!]!++] = items[i]!;
  return out;
}
