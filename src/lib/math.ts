// The largest of many numbers: `Math.max(...values)` passes each value as an argument and overflows
// the call stack past about a hundred thousand of them (a city's entities, a case's links).

export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}
