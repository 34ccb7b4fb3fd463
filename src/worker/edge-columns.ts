// A city's links cross from the worker to the page as columns, not as a million objects. Each object cloned
// across would come with three strings of its own (its key and the ids of its ends): four million things for the
// page's garbage collector to trace, and most of a second of its thread to take in. Columns are a few typed
// arrays; the page makes the links from them with the ids of the entities it already holds.
import { edgeKey, isDirectedLayer, LINK_LAYERS, linkInteractions, type CaseLinks, type Layer } from '../graph/build';
import type { EdgeColumns, EdgeList, ViewEdge, ViewNode } from './messages';

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

/**
 * A link that reads its fields from the columns when asked. The page makes one each time a link is read, and drops
 * it: a million link objects held on the page were each copied by the young generation's collections while the
 * links were taken in (pauses of 100–160 ms at 1M rows), and a million plain links, each with its key string and
 * two boxed times, made the page's heap four times larger still. Its fields are getters, which a structured clone
 * drops: links that cross to another thread are made plain first (`plainEdges`).
 */
class ColumnEdge implements ViewEdge {
  constructor(
    private readonly c: EdgeColumns,
    private readonly nodes: readonly ViewNode[],
    private readonly at: number,
  ) {}
  get layer(): Layer {
    return LINK_LAYERS[this.c.layer[this.at]!]!;
  }
  get source(): string {
    return this.nodes[this.c.source[this.at]!]!.id;
  }
  get target(): string {
    return this.nodes[this.c.target[this.at]!]!.id;
  }
  /** Made on each reading, not kept. */
  get key(): string {
    return edgeKey(this.layer, this.source, this.target);
  }
  get directed(): boolean {
    return isDirectedLayer(this.layer);
  }
  get weight(): number {
    return this.c.weight[this.at]!;
  }
  get rows(): number {
    return this.c.rows[this.at]!;
  }
  get first(): number {
    return this.c.first[this.at]!;
  }
  get last(): number {
    return this.c.last[this.at]!;
  }
}

/**
 * A case's links on the page: columns of the case's size, filled slice by slice as the worker sends them, and read
 * through a link object made at each reading.
 */
export class EdgeTable implements EdgeList {
  private readonly c: EdgeColumns;
  private taken = 0;
  constructor(
    size: number,
    private readonly nodes: readonly ViewNode[],
  ) {
    this.c = {
      source: new Int32Array(size),
      target: new Int32Array(size),
      layer: new Uint8Array(size),
      weight: new Float64Array(size),
      rows: new Int32Array(size),
      first: new Float64Array(size),
      last: new Float64Array(size),
    };
  }
  /** Adds the next slice's links (`edgeColumns` of the next places). */
  take(slice: EdgeColumns): void {
    const n = slice.source.length;
    if (this.taken + n > this.c.source.length) throw new Error('more links were sent than the case has');
    for (const name of Object.keys(this.c) as (keyof EdgeColumns)[])
      (this.c[name] as Float64Array).set(slice[name] as Float64Array, this.taken);
    this.taken += n;
  }
  get length(): number {
    return this.taken;
  }
  at(index: number): ViewEdge | undefined {
    const k = index < 0 ? index + this.taken : index;
    return k >= 0 && k < this.taken ? new ColumnEdge(this.c, this.nodes, k) : undefined;
  }
  *[Symbol.iterator](): Iterator<ViewEdge> {
    for (let k = 0; k < this.taken; k++) yield new ColumnEdge(this.c, this.nodes, k);
  }
}

/** A link as a plain object, whose fields survive a structured clone. */
export function plainEdge(e: ViewEdge): ViewEdge {
  return {
    key: e.key,
    source: e.source,
    target: e.target,
    directed: e.directed,
    layer: e.layer,
    weight: e.weight,
    rows: e.rows,
    first: e.first,
    last: e.last,
  };
}

/**
 * The links of `columns` as plain objects, for a reply that crosses from the worker whole; `nodes` is the case's
 * entity list, in the worker's order.
 */
export function plainEdges(columns: EdgeColumns, nodes: readonly ViewNode[]): ViewEdge[] {
  return Array.from({ length: columns.source.length }, (_, j) => plainEdge(new ColumnEdge(columns, nodes, j)));
}
