// A city's links cross from the worker to the page as columns, not as a million objects. Each object cloned
// across would come with three strings of its own (its key and the ids of its ends): four million things for the
// page's garbage collector to trace, and most of a second of its thread to take in. Columns are a few typed
// arrays; the page makes the links from them with the ids of the entities it already holds.
import { edgeKey, isDirectedLayer, LINK_LAYERS, linkInteractions, type CaseLinks } from '../graph/build';
import type { EdgeColumns, ViewEdge, ViewNode } from './messages';

/** Links `from` to `to` (exclusive) as columns; their ends are places in the entity list (`links.ids`). */
export function edgeColumns(links: CaseLinks, from: number, to: number): EdgeColumns {
  const end = Math.min(to, links.size);
  const start = Math.min(from, end);
  const weight = new Float64Array(end - start);
  const rows = new Int32Array(end - start);
  for (let k = start; k < end; k++) {
    weight[k - start] = linkInteractions(links, k);
    rows[k - start] = links.sourceOffsets[k + 1]! - links.sourceOffsets[k]!;
  }
  return {
    source: links.source.slice(start, end),
    target: links.target.slice(start, end),
    layer: links.layer.slice(start, end),
    weight,
    rows,
    first: links.first.slice(start, end),
    last: links.last.slice(start, end),
  };
}

/** The links of `columns` as the view uses them; `nodes` is the case's entity list, in the worker's order. */
export function edgesFromColumns(columns: EdgeColumns, nodes: readonly ViewNode[]): ViewEdge[] {
  const { source, target, layer, weight, rows, first, last } = columns;
  const edges = new Array<ViewEdge>(source.length);
  for (let j = 0; j < source.length; j++) {
    const code = LINK_LAYERS[layer[j]!]!;
    const from = nodes[source[j]!]!.id;
    const to = nodes[target[j]!]!.id;
    edges[j] = {
      key: edgeKey(code, from, to),
      source: from,
      target: to,
      directed: isDirectedLayer(code),
      layer: code,
      weight: weight[j]!,
      rows: rows[j]!,
      first: first[j]!,
      last: last[j]!,
    };
  }
  return edges;
}
