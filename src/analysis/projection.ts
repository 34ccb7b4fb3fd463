// Projects the multi-layer case graph onto one undirected weighted graph for the kernels, and gathers
// per-node tie features (one-off contacts, reciprocity, repeated ties) that the ranking reads.
//
// Combination of layers (documented in the README): strength of a pair =
//   1 × calls and SMS + 2 × transfers + 3 × shared journeys + 1 × generic edge weight.
// Core tie strength, used by the ranking's centralities, takes out contact with service-like hubs, so that a
// taxi firm neither ranks high nor lends its reach to the people who call it:
//   strength × (1 − 0.9 × the larger service-likeness of the two ends), where
//   service-likeness = share of one-off contacts × min(1, contacts ÷ 20) × (1 − reciprocity ÷ 2).
import { interactions, type CaseGraph } from '../graph/build';
import { Arcs, type Csr } from './csr';

export const LAYER_WEIGHTS = { calls: 1, money: 2, travel: 3, links: 1 } as const;
export const REPEAT_MIN = 2;
export const SERVICE_CONTACTS = 20;
export const SERVICE_DISCOUNT = 0.9;

/** How much an entity looks like a service (taxi firm, surgery, shop) rather than a member: 0 to 1. */
export function serviceLikeness(f: NodeFeatures): number {
  return f.oneOffShare * Math.min(1, f.contacts / SERVICE_CONTACTS) * (1 - f.reciprocity / 2);
}

export interface Tie {
  a: string;
  b: string;
  interactions: number;
  strength: number;
  reciprocal: boolean;
}

export interface NodeFeatures {
  contacts: number;
  repeatedContacts: number;
  oneOffShare: number;
  reciprocity: number;
  organisation: boolean;
  callsOut: number;
  callsIn: number;
  moneyIn: number;
  moneyOut: number;
  transfersIn: number;
  transfersOut: number;
  trips: number;
}

export interface Projection {
  ids: string[];
  ties: Tie[];
  /** Combined strength: communities, PageRank, strength. */
  csr: Csr;
  /** Core tie strength: the ranking's centralities. */
  core: Csr;
  features: NodeFeatures[];
}

export function project(graph: CaseGraph): Projection {
  const ids = graph.nodes().sort();
  // Pairs keyed by their two indices (i × n + j, i < j): no string per link on a city-sized graph.
  const pairs = new Map<
    number,
    {
      i: number;
      j: number;
      interactions: number;
      strength: number;
      ab: number;
      ba: number;
      mutual: boolean;
      /** Only shared journeys: strangers on a flight are not contacts in the sense of a service's clientele. */
      travelOnly: boolean;
    }
  >();
  const index = new Map(ids.map((id, i) => [id, i]));
  const features: NodeFeatures[] = ids.map((id) => ({
    contacts: 0,
    repeatedContacts: 0,
    oneOffShare: 0,
    reciprocity: 0,
    organisation: graph.getNodeAttribute(id, 'kind') === 'organisation',
    callsOut: 0,
    callsIn: 0,
    moneyIn: 0,
    moneyOut: 0,
    transfersIn: 0,
    transfersOut: 0,
    trips: 0,
  }));
  graph.forEachEdge((_key, e, source, target) => {
    const si = index.get(source)!;
    const ti = index.get(target)!;
    const forwardIsAb = si < ti;
    const [i, j] = forwardIsAb ? [si, ti] : [ti, si];
    const key = i * ids.length + j;
    let p = pairs.get(key);
    if (!p) pairs.set(key, (p = { i, j, interactions: 0, strength: 0, ab: 0, ba: 0, mutual: false, travelOnly: true }));
    if (e.layer !== 'travel') p.travelOnly = false;
    const fs = features[si]!;
    const ft = features[ti]!;
    const n = interactions(e);
    p.interactions += n;
    p.strength += LAYER_WEIGHTS[e.layer] * n;
    switch (e.layer) {
      case 'calls': {
        // forward = from the sorted first endpoint, which is `source` for undirected edges built by buildGraph.
        const [ab, ba] = forwardIsAb ? [e.forward, e.backward] : [e.backward, e.forward];
        p.ab += ab;
        p.ba += ba;
        if (e.forward === 0 && e.backward === 0) p.mutual = true; // aggregated call counts carry no direction
        fs.callsOut += e.forward;
        ft.callsIn += e.forward;
        ft.callsOut += e.backward;
        fs.callsIn += e.backward;
        break;
      }
      case 'money': {
        if (forwardIsAb) p.ab += e.count;
        else p.ba += e.count;
        const total = Object.values(e.amounts).reduce((x, y) => x + y, 0);
        fs.moneyOut += total;
        fs.transfersOut += e.count;
        ft.moneyIn += total;
        ft.transfersIn += e.count;
        break;
      }
      case 'travel':
        p.mutual = true;
        fs.trips += e.trips;
        ft.trips += e.trips;
        break;
      case 'links':
        p.mutual = true;
        break;
    }
  });
  const ties: Tie[] = [];
  const oneOff = new Float64Array(ids.length);
  const reciprocal = new Float64Array(ids.length);
  // In pair order (first index, then second), which is the order of the sorted ids.
  for (const key of [...pairs.keys()].sort((x, y) => x - y)) {
    const p = pairs.get(key)!;
    const isReciprocal = p.mutual || (p.ab > 0 && p.ba > 0);
    const repeated = p.interactions >= REPEAT_MIN;
    ties.push({
      a: ids[p.i]!,
      b: ids[p.j]!,
      interactions: p.interactions,
      strength: p.strength,
      reciprocal: isReciprocal,
    });
    if (p.travelOnly) continue;
    for (const i of [p.i, p.j]) {
      const f = features[i]!;
      f.contacts++;
      if (repeated) f.repeatedContacts++;
      else oneOff[i]!++;
      if (isReciprocal) reciprocal[i]!++;
    }
  }
  features.forEach((f, i) => {
    f.oneOffShare = f.contacts ? oneOff[i]! / f.contacts : 0;
    f.reciprocity = f.contacts ? reciprocal[i]! / f.contacts : 0;
  });
  const service = features.map(serviceLikeness);
  const combined = new Arcs();
  const discounted = new Arcs();
  for (const p of pairs.values()) {
    combined.add(p.i, p.j, p.strength);
    discounted.add(p.i, p.j, p.strength * (1 - SERVICE_DISCOUNT * Math.max(service[p.i]!, service[p.j]!)));
  }
  const csr = combined.toCsr(ids, index);
  const core = discounted.toCsr(ids, index);
  return { ids, ties, csr, core, features };
}
