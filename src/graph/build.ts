// The multi-layer case graph: entities as nodes; calls, money, co-travel and generic links as edges.
// Every edge keeps the rows it was built from (`sources`: flat [file, row, file, row, …]).
import Graph from 'graphology';
import type { Records } from '../model/types';
import { isDisplayIdentifier } from '../model/types';
import type { Resolution } from '../resolve/resolve';

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

const DAY = 86400000;

/** The amounts of every link that is not money: one shared, frozen empty object, not a million. */
const NO_AMOUNTS: Record<string, number> = Object.freeze({}) as Record<string, number>;

function emptyEdge(layer: Layer): EdgeAttributes {
  return {
    layer,
    count: 0,
    calls: 0,
    sms: 0,
    seconds: 0,
    forward: 0,
    backward: 0,
    amounts: layer === 'money' ? {} : NO_AMOUNTS,
    trips: 0,
    weight: 0,
    days: 0,
    first: Infinity,
    last: -Infinity,
    sources: [],
  };
}

export function edgeKey(layer: Layer, a: string, b: string): string {
  return `${layer}|${a}|${b}`;
}

/** Entities by index while building: at most this many (the edge keys below pack two indices and a layer). */
const MAX_ENTITIES = 1 << 22;
const LAYER_INDEX: Record<Layer, number> = { calls: 0, links: 1, money: 2, travel: 3 };

interface EdgeBuild {
  x: number;
  y: number;
  layer: Layer;
  directed: boolean;
  attrs: EdgeAttributes;
  days: number[];
}

export function buildGraph(
  records: Records,
  resolution: Resolution,
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
): CaseGraph {
  const graph: CaseGraph = new Graph({ type: 'mixed', multi: true, allowSelfLoops: false });
  // Aggregate in plain structures first, entities by index and links by a number made of their two ends and
  // layer: one look-up per row, no string per row, and one graphology call per node and edge.
  const ids: string[] = [];
  const indexOfEntity = new Map<string, number>();
  const indexOfIdentifier = new Map<string, number>();
  const nodes: NodeAttributes[] = [];
  const entity = (identifier: string): number => {
    let i = indexOfIdentifier.get(identifier);
    if (i === undefined) {
      const id = resolution.entityOf.get(identifier) ?? identifier;
      i = indexOfEntity.get(id);
      if (i === undefined) {
        i = ids.length;
        if (i >= MAX_ENTITIES) throw new Error(`buildGraph: more than ${MAX_ENTITIES} entities`);
        indexOfEntity.set(id, i);
        ids.push(id);
        const e = resolution.entities.get(id);
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
      }
      indexOfIdentifier.set(identifier, i);
    }
    return i;
  };
  const seen = (i: number, time: number | undefined) => {
    if (time === undefined) return;
    const a = nodes[i]!;
    if (time < a.firstSeen) a.firstSeen = time;
    if (time > a.lastSeen) a.lastSeen = time;
  };
  // Active days per edge as a list that skips repeats of the last day (rows mostly come in time order), counted
  // distinct at the end: far lighter than a Set per edge on millions of rows.
  const edges = new Map<number, EdgeBuild>();
  /** Whether the last touch ran from the edge's first endpoint to its second (set by touch, per row). */
  let forward = true;
  /** Adds to (or creates) the edge of `layer` between two entities; returns null for a self-contact. */
  const touch = (
    layer: Layer,
    directed: boolean,
    a: number,
    b: number,
    time: number | undefined,
    file: number,
    row: number,
  ) => {
    seen(a, time);
    seen(b, time);
    if (a === b) {
      nodes[a]!.selfContacts++;
      return null;
    }
    forward = directed || ids[a]! < ids[b]!;
    const x = forward ? a : b;
    const y = forward ? b : a;
    const key = (x * MAX_ENTITIES + y) * 4 + LAYER_INDEX[layer];
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { x, y, layer, directed, attrs: emptyEdge(layer), days: [] }));
    const attrs = edge.attrs;
    attrs.sources.push(file, row);
    if (time !== undefined) {
      if (time < attrs.first) attrs.first = time;
      if (time > attrs.last) attrs.last = time;
      const day = Math.floor(time / DAY);
      if (edge.days[edge.days.length - 1] !== day) edge.days.push(day);
    }
    return attrs;
  };

  for (const c of records.calls) {
    const attrs = touch('calls', false, entity(c.caller), entity(c.callee), c.start, c.file, c.row);
    if (!attrs) continue;
    attrs.count++;
    if (c.type === 'sms') attrs.sms++;
    else attrs.calls++;
    attrs.seconds += c.duration;
    if (forward) attrs.forward++;
    else attrs.backward++;
  }
  for (const t of records.transfers) {
    const attrs = touch('money', true, entity(t.from), entity(t.to), t.time, t.file, t.row);
    if (!attrs) continue;
    attrs.count++;
    attrs.amounts[t.currency] = round2((attrs.amounts[t.currency] ?? 0) + t.amount);
  }
  for (const e of records.edges) {
    const layer: Layer =
      e.type && /call|phone|sms/i.test(e.type)
        ? 'calls'
        : e.type && /money|transfer|pay/i.test(e.type)
          ? 'money'
          : 'links';
    const attrs = touch(layer, layer === 'money', entity(e.source), entity(e.target), e.time, e.file, e.row);
    if (!attrs) continue;
    attrs.count++;
    attrs.weight += e.weight;
    if (layer === 'calls') attrs.calls += e.weight;
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
  for (const list of journeys.values()) {
    const people = [...new Set(list.map((l) => l.traveller))].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
    if (people.length < 2 || people.length > options.coTravelMaxGroup) continue;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i]!;
        const b = people[j]!;
        const rows = list.filter((l) => l.traveller === a || l.traveller === b);
        let hit = null;
        for (const r of rows) hit = touch('travel', false, a, b, r.time, r.file, r.row) ?? hit;
        if (hit) {
          hit.trips++;
          hit.count++;
        }
      }
    }
  }
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1));
  for (const i of order) {
    const attrs = nodes[i]!;
    if (attrs.firstSeen === Infinity) {
      attrs.firstSeen = NaN;
      attrs.lastSeen = NaN;
    }
    graph.addNode(ids[i]!, attrs);
  }
  for (const edge of sortedEdges([...edges.values()], ids, order)) {
    const { x, y, layer, directed, attrs, days } = edge;
    attrs.days = days.length < 2 ? days.length : new Set(days).size;
    if (attrs.first === Infinity) {
      attrs.first = NaN;
      attrs.last = NaN;
    }
    const key = edgeKey(layer, ids[x]!, ids[y]!);
    if (directed) graph.addDirectedEdgeWithKey(key, ids[x]!, ids[y]!, attrs);
    else graph.addUndirectedEdgeWithKey(key, ids[x]!, ids[y]!, attrs);
  }
  return graph;
}

/**
 * Edges in the order of their keys (`layer|x|y`) as strings, without making the strings: by layer, then by the
 * first end as `x|` sorts, then by the second end. When an id itself holds a `|`, the keys are compared.
 */
function sortedEdges(list: EdgeBuild[], ids: string[], order: number[]): EdgeBuild[] {
  if (ids.some((id) => id.includes('|')))
    return list
      .map((e) => ({ e, key: edgeKey(e.layer, ids[e.x]!, ids[e.y]!) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map(({ e }) => e);
  const plain = new Int32Array(ids.length);
  order.forEach((i, rank) => (plain[i] = rank));
  const piped = new Int32Array(ids.length);
  ids
    .map((id, i) => [`${id}|`, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .forEach(([, i], rank) => (piped[i] = rank));
  return list.sort(
    (a, b) => LAYER_INDEX[a.layer] - LAYER_INDEX[b.layer] || piped[a.x]! - piped[b.x]! || plain[a.y]! - plain[b.y]!,
  );
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
