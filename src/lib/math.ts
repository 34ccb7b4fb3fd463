// The largest of many numbers: `Math.max(...values)` passes each value as an argument and overflows
// the call stack past about a hundred thousand of them (a city's entities, a case's links). Places in an order
// of many numbers, without a comparator sort.
import { zeros } from './typed';

export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Each node's place, 1 for the highest value, ties in node order. The values are sorted by the engine's own
 * numeric sort, and each node's place is how many values are higher (found by halving) plus how many nodes
 * before it have its value: four sorts of a hundred thousand nodes with a comparator were most of the ranking.
 */
export function ranks(values: Float64Array): Int32Array {
  const n = values.length;
  const r = zeros(Int32Array, n);
  const sorted = Float64Array.from(values).sort();
  if (n > 0 && Number.isNaN(sorted[n - 1]!)) {
    // (no centrality is NaN; should one be, the places are as the comparator puts them)
    const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
    order.forEach((node, i) => (r[node] = i + 1));
    return r;
  }
  /** By how many values are higher: how many nodes of that value have their place. */
  const placed = zeros(Int32Array, n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    const higher = n - lo;
    r[i] = higher + placed[higher]!++ + 1;
  }
  return r;
}

/** The nodes from the highest value to the lowest, ties in node order (see ranks). */
export function orderDescending(values: Float64Array): Int32Array {
  const place = ranks(values);
  const order = zeros(Int32Array, values.length);
  for (let i = 0; i < place.length; i++) order[place[i]! - 1] = i;
  return order;
}
