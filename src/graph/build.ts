// The multi-layer case graph: entities as nodes; calls, money, co-travel and generic links as edges.
// Every edge keeps the rows it was built from (`sources`: flat [file, row, file, row, …]).
import Graph from 'graphology';
import type { Entity, Records } from '../model/types';
import { isDisplayIdentifier } from '../model/types';
import type { Resolution } from '../resolve/resolve';
import { countingSort, identity, resized, zeros } from '../lib/typed';
import { DAY, startCallLinks, type LinkBuilder, type StartedCallLinks, type Touches } from './link-columns';

export const LAYERS = ['calls', 'money', 'travel', 'links'] as const;
export type Layer = (typeof LAYERS)[number];

export interface NodeAttributes {
  kind: string;
  label: string;
  identifiers: string[];
  names: string[];
  dob?: string;
  nationality?: string;
  firstSeen: number;
  lastSeen: number;
  /** Contacts between two identifiers of this same entity (two SIMs of one user), kept out of the edges. */
  selfContacts: number;
}

export interface EdgeAttributes {
  layer: Layer;
  /** calls: voice calls; money: transfers; travel: shared journeys; links: rows. */
  count: number;
  calls: number;
  sms: number;
  seconds: number;
  /** calls: how many went from the edge's first endpoint (sorted) to the second, and back. */
  forward: number;
  backward: number;
  /** money: amount per currency. */
  amounts: Record<string, number>;
  trips: number;
  /** links: summed weight from a generic edge list. */
  weight: number;
  /** Distinct UTC days with activity. */
  days: number;
  first: number;
  last: number;
  /** Flat pairs [file, row, …] of the source rows. */
  sources: number[];
}

export type CaseGraph = Graph<NodeAttributes, EdgeAttributes>;

/** The edge's own measure of contact: calls + SMS, transfers, shared journeys, or generic weight. */
export function interactions(e: EdgeAttributes): number {
  switch (e.layer) {
    case 'calls':
      return e.calls + e.sms;
    case 'money':
      return e.count;
    case 'travel':
      return e.trips;
    case 'links':
      return e.weight;
  }
}

export interface BuildOptions {
  /** A departure with more of the case's travellers than this links nobody (a full manifest is not company). */
  coTravelMaxGroup: number;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = { coTravelMaxGroup: 30 };

/** The amounts of every link that is not money: one shared, frozen empty object, not a million. */
const NO_AMOUNTS: Record<string, number> = Object.freeze({}) as Record<string, number>;

export function edgeKey(layer: Layer, a: string, b: string): string {
  return `${layer}|${a}|${b}`;
}

/** Layers in the order their link keys (`layer|x|y`) sort: a link's layer is stored as its place here. */
export const LINK_LAYERS: readonly Layer[] = ['calls', 'links', 'money', 'travel'];
export const LAYER_CODE: Record<Layer, number> = { calls: 0, links: 1, money: 2, travel: 3 };

/** Money runs from payer to payee; calls, journeys and generic links are kept undirected. */
export function isDirectedLayer(layer: Layer): boolean {
  return layer === 'money';
}

/**
 * The case's links in columns: what the evidence graph holds, without an object per link. A city has a million
 * links; as objects (graphology's and their attributes) they cost the garbage collector more than the analyses
 * cost to run. The analyses read these columns; the graphology graph that the app and the exports use is made
 * from them when first asked for (`toGraph`), with the same nodes, links, keys, order and attributes.
 */
export interface CaseLinks {
  /** Entity ids, sorted: the graph's node order. */
  ids: string[];
  index: Map<string, number>;
  nodes: NodeAttributes[];
  /** How many links. Link k (in the graph's edge order) runs from entity `source[k]` to `target[k]`. */
  size: number;
  source: Int32Array;
  target: Int32Array;
  /** The link's layer as its place in LINK_LAYERS; money links are directed, the others not. */
  layer: Uint8Array;
  count: Float64Array;
  calls: Float64Array;
  sms: Float64Array;
  seconds: Float64Array;
  forward: Float64Array;
  backward: Float64Array;
  trips: Float64Array;
  weight: Float64Array;
  days: Float64Array;
  /** UTC ms of the first and last dated row; NaN when none is dated. */
  first: Float64Array;
  last: Float64Array;
  /** Amount per currency of each money link, by link. */
  amounts: LinkAmounts;
  /** Link k's source rows are the pairs [file, row] at rows[2·offsets[k] ..  2·offsets[k + 1]). */
  sourceOffsets: Int32Array;
  sourceRows: Int32Array;
}

/**
 * The amounts of the money links, by link: an array of the few that are money links, and each link's place in it,
 * where a Map by link, filled in link order, cost a tenth of a second at 1M rows.
 */
export class LinkAmounts {
  constructor(
    private readonly list: readonly Record<string, number>[],
    /** Link k's amounts are list[at[k] − 1]; 0 for a link that is no money link. */
    private readonly at: Int32Array,
  ) {}

  get(k: number): Record<string, number> | undefined {
    const i = k >= 0 && k < this.at.length ? this.at[k]! : 0;
    return i > 0 ? this.list[i - 1] : undefined;
  }
}

export function linkLayer(links: CaseLinks, k: number): Layer {
  return LINK_LAYERS[links.layer[k]!]!;
}

/** Link k's ends, layer, direction and key, as the evidence graph names them. */
export function linkEnds(
  links: CaseLinks,
  k: number,
): { key: string; source: string; target: string; layer: Layer; directed: boolean } {
  const layer = linkLayer(links, k);
  const source = links.ids[links.source[k]!]!;
  const target = links.ids[links.target[k]!]!;
  return { key: edgeKey(layer, source, target), source, target, layer, directed: isDirectedLayer(layer) };
}

/**
 * The links of each entity, from both ends, in link order: entity i's are `link[offsets[i] … offsets[i + 1])`,
 * with `outgoing` 1 where the entity is the link's source. Only links that `keep` accepts, when given.
 */
export function linkIncidence(
  links: CaseLinks,
  keep: (k: number) => boolean = () => true,
): { offsets: Int32Array; link: Int32Array; outgoing: Uint8Array } {
  const n = links.ids.length;
  const offsets = zeros(Int32Array, n + 1);
  for (let k = 0; k < links.size; k++)
    if (keep(k)) {
      offsets[links.source[k]! + 1]!++;
      offsets[links.target[k]! + 1]!++;
    }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = resized(offsets, n);
  const link = zeros(Int32Array, offsets[n]!);
  const outgoing = zeros(Uint8Array, offsets[n]!);
  for (let k = 0; k < links.size; k++)
    if (keep(k)) {
      const s = fill[links.source[k]!]!++;
      link[s] = k;
      outgoing[s] = 1;
      link[fill[links.target[k]!]!++] = k;
    }
  return { offsets, link, outgoing };
}

/** Link k's attributes as the evidence graph holds them (a new object each time). */
export function linkAttributes(links: CaseLinks, k: number): EdgeAttributes {
  const layer = linkLayer(links, k);
  return {
    layer,
    count: links.count[k]!,
    calls: links.calls[k]!,
    sms: links.sms[k]!,
    seconds: links.seconds[k]!,
    forward: links.forward[k]!,
    backward: links.backward[k]!,
    amounts: links.amounts.get(k) ?? NO_AMOUNTS,
    trips: links.trips[k]!,
    weight: links.weight[k]!,
    days: links.days[k]!,
    first: links.first[k]!,
    last: links.last[k]!,
    sources: linkSources(links, k),
  };
}

/** Link k's source rows as flat [file, row, …] pairs. */
export function linkSources(links: CaseLinks, k: number): number[] {
  const from = 2 * links.sourceOffsets[k]!;
  const to = 2 * links.sourceOffsets[k + 1]!;
  const out = new Array<number>(to - from);
  for (let i = from; i < to; i++) out[i - from] = links.sourceRows[i]!;
  return out;
}

/** The link's own measure of contact (see `interactions`), from the columns. */
export function linkInteractions(links: CaseLinks, k: number): number {
  switch (links.layer[k]) {
    case LAYER_CODE.calls:
      return links.calls[k]! + links.sms[k]!;
    case LAYER_CODE.money:
      return links.count[k]!;
    case LAYER_CODE.travel:
      return links.trips[k]!;
    default:
      return links.weight[k]!;
  }
}

/** The evidence graph (graphology) of the links: what the app shows and the exports write. */
export function toGraph(links: CaseLinks): CaseGraph {
  const graph: CaseGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  const { ids } = links;
  for (let i = 0; i < ids.length; i++) graph.addNode(ids[i]!, { ...links.nodes[i]! });
  for (let k = 0; k < links.size; k++) {
    const { key, source, target, directed } = linkEnds(links, k);
    const attrs = linkAttributes(links, k);
    if (directed) graph.addDirectedEdgeWithKey(key, source, target, attrs);
    else graph.addUndirectedEdgeWithKey(key, source, target, attrs);
  }
  return graph;
}

/** Records and resolution to the evidence graph, in one go (tests and small cases; the pipeline keeps the columns). */
export function buildGraph(
  records: Records,
  resolution: Resolution,
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
): CaseGraph {
  return toGraph(buildLinks(records, resolution, options));
}

/**
 * The case's links in columns. `started`: the calls' links, started on `resolution`'s groups as soon as it had
 * them (see startCallLinks), so that a helper thread gathers them while resolution makes the entities.
 */
export function buildLinks(
  records: Records,
  resolution: Resolution,
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
  started?: StartedCallLinks,
): CaseLinks {
  // Entities by index, links by a number made of their two ends and layer: one look-up per row, no string per
  // row. Each row a link is built from is one "touch": its link, file, row and UTC day, in columns.
  const ids: string[] = [];
  const nodes: NodeAttributes[] = [];
  // Each entity's first and last time seen, kept apart from its attributes while the rows are read: two numbers
  // in a row of arrays, where a field of each entity's object was a far read per row.
  const firstSeen: number[] = [];
  const lastSeen: number[] = [];
  /** A new entity's index: `e` is resolution's, undefined for an identifier resolution never saw. */
  const addEntity = (id: string, e: Entity | undefined): number => {
    const i = ids.length;
    ids.push(id);
    const attrs: NodeAttributes = {
      kind: e?.kind ?? 'identifier',
      label: e?.label ?? id.slice(id.indexOf(':') + 1),
      identifiers: (e?.identifiers ?? [id]).filter(isDisplayIdentifier),
      names: e?.names ?? [],
      firstSeen: Infinity,
      lastSeen: -Infinity,
      selfContacts: 0,
    };
    if (e?.dob) attrs.dob = e.dob;
    if (e?.nationality) attrs.nationality = e.nationality;
    nodes.push(attrs);
    firstSeen.push(Infinity);
    lastSeen.push(-Infinity);
    return i;
  };
  // Resolution's entities by their group's number, made on first sight: no look-up of an id's text (two maps of a
  // city's hundred thousand ids, a tenth of a second of the build at 1M rows).
  const { groupOf, entityIds, groupEntities } = resolution.entityOf;
  const indexOfGroup = zeros(Int32Array, entityIds.length);
  /** The index of group g's entity (its index + 1 kept in indexOfGroup). */
  const groupIndex = (g: number): number => {
    let i = indexOfGroup[g]! - 1;
    if (i < 0) {
      i = addEntity(entityIds[g]!, groupEntities[g]);
      indexOfGroup[g] = i + 1;
    }
    return i;
  };
  // An identifier resolution never saw (an edge list's node, say) is an entity of its own, by its text.
  const indexOfLoose = new Map<string, number>();
  const looseIndex = (identifier: string): number => {
    let i = indexOfLoose.get(identifier);
    if (i === undefined) indexOfLoose.set(identifier, (i = addEntity(identifier, undefined)));
    return i;
  };
  /** The index of an identifier's entity. */
  const entity = (identifier: string): number => {
    const g = resolution.entityOf.groupOfIdentifier(identifier);
    return g >= 0 ? groupIndex(g) : looseIndex(identifier);
  };
  /** `entity` of an identifier whose number in the run is `wide` (-1: none). */
  const entityByWide = (wide: number, identifier: string): number => {
    if (wide < 0) return entity(identifier);
    const g = resolution.entityOf.groupOfWide(wide);
    return g >= 0 ? groupIndex(g) : looseIndex(identifier);
  };
  const seen = (i: number, time: number | undefined) => {
    if (time === undefined) return;
    if (time < firstSeen[i]!) firstSeen[i] = time;
    if (time > lastSeen[i]!) lastSeen[i] = time;
  };
  // The calls' links first (on the helper thread, when `started` was handed to it), between the entities of the
  // groups the calls name, numbered here in the order of their groups; the build goes on in their columns.
  const calls = started ?? startCallLinks(records, groupOf, entityIds.length);
  if (calls.groupOf !== groupOf) throw new Error("buildLinks: the calls' links were started on another resolution");
  for (let i = 0; i < calls.groups.length; i++) groupIndex(calls.groups[i]!);
  const gathered = calls.join();
  const { links, touches } = gathered;
  for (let i = 0; i < calls.groups.length; i++) {
    firstSeen[i] = gathered.firstSeen[i]!;
    lastSeen[i] = gathered.lastSeen[i]!;
    nodes[i]!.selfContacts = gathered.selfContacts[i]!;
  }
  const L = links.columns;
  const amounts = new Map<number, Record<string, number>>();
  /** Adds a row to (or creates) the link of `layer` between two entities; returns the link, or -1 for a self-contact. */
  const touch = (
    layer: Layer,
    directed: boolean,
    a: number,
    b: number,
    time: number | undefined,
    file: number,
    row: number,
  ): number => {
    seen(a, time);
    seen(b, time);
    if (a === b) {
      nodes[a]!.selfContacts++;
      return -1;
    }
    // An undirected link runs from its lower entity index here; finishLinks turns it round where the ids order
    // its ends the other way (comparing the ids' text on every row was a tenth of the links' time at 1M rows).
    const forward = directed || a < b;
    const x = forward ? a : b;
    const y = forward ? b : a;
    const before = links.size;
    const k = links.find(x, y, LAYER_CODE[layer]);
    if (k === before && layer === 'money') amounts.set(k, {});
    if (time !== undefined) {
      if (time < L.first[k]!) L.first[k] = time;
      if (time > L.last[k]!) L.last[k] = time;
      touches.add(k, file, row, Math.floor(time / DAY));
    } else touches.add(k, file, row, NaN);
    return k;
  };

  for (const t of records.transfers) {
    const payer = entityByWide(t.fromNumber, t.from);
    const payee = entityByWide(t.toNumber, t.to);
    const k = touch('money', isDirectedLayer('money'), payer, payee, t.time, t.file, t.row);
    if (k < 0) continue;
    L.count[k]!++;
    const a = amounts.get(k)!;
    a[t.currency] = round2((a[t.currency] ?? 0) + t.amount);
  }
  for (const e of records.edges) {
    const layer: Layer =
      e.type && /call|phone|sms/i.test(e.type)
        ? 'calls'
        : e.type && /money|transfer|pay/i.test(e.type)
          ? 'money'
          : 'links';
    const k = touch(layer, isDirectedLayer(layer), entity(e.source), entity(e.target), e.time, e.file, e.row);
    if (k < 0) continue;
    L.count[k]!++;
    L.weight[k]! += e.weight;
    if (layer === 'calls') L.calls[k]! += e.weight;
  }
  // Co-travel: the same carrier and service on the same UTC day is one journey.
  const journeys = new Map<string, { traveller: number; file: number; row: number; time: number }[]>();
  for (const t of records.travel) {
    const who = entity(t.traveller);
    seen(who, t.departure);
    const key = `${t.carrier}|${t.service}|${Math.floor(t.departure / DAY)}`;
    let list = journeys.get(key);
    if (!list) journeys.set(key, (list = []));
    list.push({ traveller: who, file: t.file, row: t.row, time: t.departure });
  }
  // Each journey of 2 to coTravelMaxGroup people touches its pairs' link once for each row of either of the two:
  // each of its rows (p − 1) times. Room is made for them at once, where a city's journeys ran the touches past the
  // rows counted above and doubled every column.
  const shared: { list: { traveller: number; file: number; row: number; time: number }[]; people: number[] }[] = [];
  let travelTouches = 0;
  for (const list of journeys.values()) {
    const people = [...new Set(list.map((l) => l.traveller))].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    if (people.length < 2 || people.length > options.coTravelMaxGroup) continue;
    shared.push({ list, people });
    travelTouches += list.length * (people.length - 1);
  }
  touches.reserve(touches.size + travelTouches);
  for (const { list, people } of shared) {
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i]!;
        const b = people[j]!;
        let hit = -1;
        for (const r of list)
          if (r.traveller === a || r.traveller === b) hit = touch('travel', false, a, b, r.time, r.file, r.row);
        if (hit >= 0) {
          L.trips[hit]!++;
          L.count[hit]!++;
        }
      }
    }
  }
  nodes.forEach((a, i) => {
    a.firstSeen = firstSeen[i]!;
    a.lastSeen = lastSeen[i]!;
  });
  return finishLinks(ids, nodes, links, amounts, touches);
}

/** Entities sorted, links in the order of their keys, each link's rows and distinct days gathered. */
function finishLinks(
  unsortedIds: string[],
  unsortedNodes: NodeAttributes[],
  built: LinkBuilder,
  unsortedAmounts: Map<number, Record<string, number>>,
  touches: Touches,
): CaseLinks {
  const n = unsortedIds.length;
  const order = unsortedIds.map((_, i) => i).sort((a, b) => (unsortedIds[a]! < unsortedIds[b]! ? -1 : 1));
  const rank = zeros(Int32Array, n);
  order.forEach((i, r) => (rank[i] = r));
  const ids = order.map((i) => unsortedIds[i]!);
  const nodes = order.map((i) => {
    const attrs = unsortedNodes[i]!;
    if (attrs.firstSeen === Infinity) {
      attrs.firstSeen = NaN;
      attrs.lastSeen = NaN;
    }
    return attrs;
  });
  const size = built.size;
  // Each undirected link from its first end in id order, as the rows were counted by entity index (see touch).
  const directedCode = LINK_LAYERS.map(isDirectedLayer);
  const { forward: ahead, backward: behind } = built.columns;
  for (let k = 0; k < size; k++) {
    const x = built.x[k]!;
    const y = built.y[k]!;
    if (directedCode[built.layer[k]!] || rank[x]! < rank[y]!) continue;
    built.x[k] = y;
    built.y[k] = x;
    const f = ahead[k]!;
    ahead[k] = behind[k]!;
    behind[k] = f;
  }
  const linkOrder = sortedLinks(built, unsortedIds, rank, ids);
  const newOf = zeros(Int32Array, size);
  for (let k = 0; k < size; k++) newOf[linkOrder[k]!] = k;
  const source = zeros(Int32Array, size);
  const target = zeros(Int32Array, size);
  const layer = zeros(Uint8Array, size);
  for (let k = 0; k < size; k++) {
    const old = linkOrder[k]!;
    source[k] = rank[built.x[old]!]!;
    target[k] = rank[built.y[old]!]!;
    layer[k] = built.layer[old]!;
  }
  // Each figure's column put in link order. The first goes into fresh memory; each next one into the column
  // permuted before it, which is garbage once read. Memory first touched costs more than the permutation itself
  // (about 4 ms a megabyte on the machine the benchmarks ran on: 80 MB at 1M links); these columns are touched.
  let spare: Float64Array | null = null;
  const floats = (column: Float64Array) => {
    const out = spare ?? zeros(Float64Array, size);
    for (let k = 0; k < size; k++) out[k] = column[linkOrder[k]!]!;
    spare = column.subarray(0, size);
    return out;
  };
  const C = built.columns;
  const first = floats(C.first);
  const last = floats(C.last);
  for (let k = 0; k < size; k++)
    if (first[k] === Infinity) {
      first[k] = NaN;
      last[k] = NaN;
    }
  const count = floats(C.count);
  const calls = floats(C.calls);
  const sms = floats(C.sms);
  const seconds = floats(C.seconds);
  const forward = floats(C.forward);
  const backward = floats(C.backward);
  const trips = floats(C.trips);
  const weight = floats(C.weight);
  const amountList: Record<string, number>[] = [];
  const amountAt = zeros(Int32Array, size);
  for (const [old, a] of unsortedAmounts) amountAt[newOf[old]!] = amountList.push(a);
  const amounts = new LinkAmounts(amountList, amountAt);
  // Each link's rows, in the order they were read: a stable counting sort of the touches by link.
  const touchCount = touches.size;
  const sourceOffsets = zeros(Int32Array, size + 1);
  for (let t = 0; t < touchCount; t++) sourceOffsets[newOf[touches.link[t]!]! + 1]!++;
  for (let k = 0; k < size; k++) sourceOffsets[k + 1]! += sourceOffsets[k]!;
  // The links' order is read no more: its column, already touched, takes each link's next place.
  const fill = linkOrder;
  fill.set(sourceOffsets.subarray(0, size));
  const sourceRows = zeros(Int32Array, 2 * touchCount);
  const days = zeros(Float64Array, touchCount);
  for (let t = 0; t < touchCount; t++) {
    const at = fill[newOf[touches.link[t]!]!]!++;
    sourceRows[2 * at] = touches.file[t]!;
    sourceRows[2 * at + 1] = touches.row[t]!;
    days[at] = touches.day[t]!;
  }
  // Distinct active days of each link (undated rows count for none): its days sorted in place, then counted.
  // Every link's count is written below: the last figure column left over holds them.
  const distinctDays = spare ?? zeros(Float64Array, size);
  for (let k = 0; k < size; k++) {
    const from = sourceOffsets[k]!;
    const to = sourceOffsets[k + 1]!;
    if (to - from === 1) {
      distinctDays[k] = Number.isNaN(days[from]!) ? 0 : 1;
      continue;
    }
    // Undated rows last. Most links have a handful of rows: an insertion sort in place, with no view object per
    // link; a long one is sorted through a view.
    if (to - from > 32) days.subarray(from, to).sort();
    else
      for (let i = from + 1; i < to; i++) {
        const d = days[i]!;
        let j = i - 1;
        while (j >= from && (Number.isNaN(days[j]!) ? !Number.isNaN(d) : days[j]! > d)) {
          days[j + 1] = days[j]!;
          j--;
        }
        days[j + 1] = d;
      }
    let distinct = 0;
    for (let i = from; i < to && !Number.isNaN(days[i]!); i++) if (i === from || days[i] !== days[i - 1]) distinct++;
    distinctDays[k] = distinct;
  }
  return {
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    nodes,
    size,
    source,
    target,
    layer,
    count,
    calls,
    sms,
    seconds,
    forward,
    backward,
    trips,
    weight,
    days: distinctDays,
    first,
    last,
    amounts,
    sourceOffsets,
    sourceRows,
  };
}

/**
 * Links in the order of their keys (`layer|x|y`) as strings, without making the strings: by layer, then by the
 * first end as `x|` sorts, then by the second end (stable counting sorts, last key first). When an id itself
 * holds a `|`, the keys are compared.
 */
function sortedLinks(L: LinkBuilder, ids: string[], rank: Int32Array, sortedIds: readonly string[]): Int32Array {
  const size = L.size;
  const all = identity(size);
  if (ids.some((id) => id.includes('|'))) {
    const keys = Array.from(all, (k) => edgeKey(LINK_LAYERS[L.layer[k]!]!, ids[L.x[k]!]!, ids[L.y[k]!]!));
    return all.sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
  }
  // `x|` sorts as x does unless an id is a prefix of another, and then of the next id in order (an id between
  // the two starts with it too): only then are the `x|` sorted as strings.
  let piped = rank;
  if (sortedIds.some((id, r) => sortedIds[r + 1]?.startsWith(id))) {
    piped = zeros(Int32Array, ids.length);
    ids
      .map((id, i) => [`${id}|`, i] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .forEach(([, i], r) => (piped[i] = r));
  }
  const yRank = zeros(Int32Array, size);
  const xPiped = zeros(Int32Array, size);
  for (let k = 0; k < size; k++) {
    yRank[k] = rank[L.y[k]!]!;
    xPiped[k] = piped[L.x[k]!]!;
  }
  const byY = countingSort(all, yRank, ids.length);
  const byX = countingSort(byY, xPiped, ids.length);
  return countingSort(byX, L.layer, LINK_LAYERS.length);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
