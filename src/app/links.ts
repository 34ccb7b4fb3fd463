// The links of a part of the case, found through the worker's incidence lists instead of a pass over every link:
// a city has a million links, and its view draws a thousand entities.
import type { CaseView } from '../worker/messages';

const indexes = new WeakMap<CaseView, Map<string, number>>();

/** Each entity's place in `view.nodes`, made once per view. */
export function nodeIndex(view: CaseView): Map<string, number> {
  let index = indexes.get(view);
  if (!index) {
    index = new Map();
    for (let i = 0; i < view.nodes.length; i++) index.set(view.nodes[i]!.id, i);
    indexes.set(view, index);
  }
  return index;
}

/**
 * Calls `visit` with the place in `view.edges` of each link with an end among `ids` (of every link, when `ids` is
 * null), in ascending order and each once, until `visit` returns false. The links come in the order of a pass over
 * `view.edges`, less those that touch none of `ids`.
 */
export function forEachLinkTouching(
  view: CaseView,
  ids: Iterable<string> | null,
  visit: (k: number) => boolean | void,
): void {
  if (ids === null) {
    for (let k = 0; k < view.edges.length; k++) if (visit(k) === false) return;
    return;
  }
  for (const k of linksTouching(view, ids)) if (visit(k) === false) return;
}

/** The places in `view.edges` of the links with an end among `ids`, ascending and each once. */
export function linksTouching(view: CaseView, ids: Iterable<string>): Int32Array {
  const index = nodeIndex(view);
  const { offsets, link } = view.incidence;
  const entities: number[] = [];
  let n = 0;
  for (const id of ids) {
    const i = index.get(id);
    if (i === undefined) continue;
    entities.push(i);
    n += offsets[i + 1]! - offsets[i]!;
  }
  const places = new Int32Array(n);
  let at = 0;
  for (const i of entities) {
    places.set(link.subarray(offsets[i]!, offsets[i + 1]!), at);
    at += offsets[i + 1]! - offsets[i]!;
  }
  places.sort();
  // A link between two of `ids` is in both their lists.
  let kept = 0;
  for (let r = 0; r < n; r++) if (r === 0 || places[r] !== places[r - 1]) places[kept++] = places[r]!;
  return places.subarray(0, kept);
}
