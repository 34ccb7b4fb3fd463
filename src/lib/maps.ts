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
