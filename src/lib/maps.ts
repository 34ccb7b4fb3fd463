// Grouping into lists in place: appending by copying (`map.set(k, [...(map.get(k) ?? []), v])`) is quadratic in
// a group's size, and a busy number has hundreds of thousands of calls.

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A map's entries in the order of their keys (the default sort would turn every value into a string). */
export function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * `ids` by `value` from highest to lowest, equal values by id: each value is read once, not twice per
 * comparison (a city's 100k entities take some 1.7M comparisons).
 */
export function byValueDescending(ids: string[], value: (id: string) => number): string[] {
  // The comparison answers ±1, never the difference: a difference that is not a small integer is a number
  // the sort's millions of comparisons would each allocate.
  const values = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) values[i] = value(ids[i]!);
  const order = ids.map((_, i) => i);
  order.sort((a, b) => {
    const d = values[b]! - values[a]!;
    return d > 0 ? 1 : d < 0 ? -1 : ids[a]! < ids[b]! ? -1 : 1;
  });
  return order.map((i) => ids[i]!);
}
