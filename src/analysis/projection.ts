// Projects the multi-layer case graph onto one undirected weighted graph for the kernels, and gathers
// per-node tie features (one-off contacts, reciprocity, repeated ties) that the ranking reads.
//
// Combination of layers (documented in the README): strength of a pair =
//   1 × calls and SMS + 2 × transfers + 3 × shared journeys + 1 × generic edge weight.
// Core tie strength, used by the ranking's centralities, takes out contact with service-like hubs, so that a
// taxi firm neither ranks high nor lends its reach to the people who call it:
//   strength × (1 − 0.9 × the larger service-likeness of the two ends), where
//   service-likeness = share of one-off contacts × min(1, contacts ÷ 20) × (1 − reciprocity ÷ 2).
import { linkInteractions, linkLayer, type CaseLinks } from '../graph/build';
import { csrFromPairs, type Csr } from './csr';
import { countingSort, identity, zeros } from '../lib/typed';

export const LAYER_WEIGHTS = { calls: 1, money: 2, travel: 3, links: 1 } as const;
export const REPEAT_MIN = 2;
export const SERVICE_CONTACTS = 20;
export const SERVICE_DISCOUNT = 0.9;

/** How much an entity looks like a service (taxi firm, surgery, shop) rather than a member: 0 to 1. */
export function serviceLikeness(f: NodeFeatures): number {
  return f.oneOffShare * Math.min(1, f.contacts / SERVICE_CONTACTS) * (1 - f.reciprocity / 2);
}

export interface NodeFeatures {
  contacts: number;
  repeatedContacts: number;
  oneOffShare: number;
  reciprocity: number;
  organisation: boolean;
  transfersIn: number;
  transfersOut: number;
  trips: number;
}

export interface Projection {
  ids: string[];
  /** Combined strength: communities, PageRank, strength. */
  csr: Csr;
  /** Core tie strength: the ranking's centralities. */
  core: Csr;
  features: NodeFeatures[];
}

export function project(links: CaseLinks): Projection {
  const { ids, index } = links;
  const n = ids.length;
  // Each entity's features, summed in columns: a city's entities are objects far apart in memory, with their
  // numbers boxed, where each link's two updates to them read two or three places each (1 s of the 1M city's
  // projection, profiled). The sums are made in the same order as before, so they are the same to the last bit.
  const transfersIn = zeros(Float64Array, n);
  const transfersOut = zeros(Float64Array, n);
  const trips = zeros(Float64Array, n);
  const contacts = zeros(Float64Array, n);
  const repeatedContacts = zeros(Float64Array, n);
  // Each link's pair (i < j) and what it adds to it, in typed arrays: a city has a million links, and a
  // million small objects cost more to collect than to use.
  const size = links.size;
  const pi = zeros(Int32Array, size);
  const pj = zeros(Int32Array, size);
  const inter = zeros(Float64Array, size);
  const strength = zeros(Float64Array, size);
  const ab = zeros(Float64Array, size);
  const ba = zeros(Float64Array, size);
  /** Bit 1: the pair's contact runs both ways by nature (meetings, generic links, uncounted calls); bit 2: not travel. */
  const flags = zeros(Uint8Array, size);
  for (let k = 0; k < size; k++) {
    const si = links.source[k]!;
    const ti = links.target[k]!;
    const forwardIsAb = si < ti;
    pi[k] = forwardIsAb ? si : ti;
    pj[k] = forwardIsAb ? ti : si;
    const layer = linkLayer(links, k);
    const count = linkInteractions(links, k);
    inter[k] = count;
    strength[k] = LAYER_WEIGHTS[layer] * count;
    let flag = layer === 'travel' ? 0 : 2;
    switch (layer) {
      case 'calls': {
        // forward = from the link's first endpoint (its source), the first in id order for undirected links.
        const forward = links.forward[k]!;
        const backward = links.backward[k]!;
        ab[k] = forwardIsAb ? forward : backward;
        ba[k] = forwardIsAb ? backward : forward;
        if (forward === 0 && backward === 0) flag |= 1; // aggregated call counts carry no direction
        break;
      }
      case 'money': {
        const transfers = links.count[k]!;
        if (forwardIsAb) ab[k] = transfers;
        else ba[k] = transfers;
        transfersOut[si]! += transfers;
        transfersIn[ti]! += transfers;
        break;
      }
      case 'travel':
        flag |= 1;
        trips[si]! += links.trips[k]!;
        trips[ti]! += links.trips[k]!;
        break;
      case 'links':
        flag |= 1;
        break;
    }
    flags[k] = flag;
  }
  // Links in pair order (first index, then second) by two stable counting sorts; equal pairs are then adjacent.
  const byPair = countingSort(countingSort(identity(size), pj, n), pi, n);
  const oneOff = zeros(Float64Array, n);
  const reciprocal = zeros(Float64Array, n);
  let pairCount = 0;
  for (let s = 0; s < size; s++) {
    const e = byPair[s]!;
    const prev = s > 0 ? byPair[s - 1]! : -1;
    if (prev < 0 || pi[prev] !== pi[e] || pj[prev] !== pj[e]) pairCount++;
  }
  // Each pair's ends and strength, in typed arrays rather than a million objects.
  const pairI = zeros(Int32Array, pairCount);
  const pairJ = zeros(Int32Array, pairCount);
  const pairStrength = zeros(Float64Array, pairCount);
  let q = 0;
  for (let s = 0; s < size; q++) {
    const first = byPair[s]!;
    const i = pi[first]!;
    const j = pj[first]!;
    let pairInter = 0;
    let strengthSum = 0;
    let abSum = 0;
    let baSum = 0;
    let mutual = false;
    let travelOnly = true;
    for (; s < size && pi[byPair[s]!] === i && pj[byPair[s]!] === j; s++) {
      const e = byPair[s]!;
      pairInter += inter[e]!;
      strengthSum += strength[e]!;
      abSum += ab[e]!;
      baSum += ba[e]!;
      if (flags[e]! & 1) mutual = true;
      if (flags[e]! & 2) travelOnly = false;
    }
    pairI[q] = i;
    pairJ[q] = j;
    pairStrength[q] = strengthSum;
    if (travelOnly) continue;
    const isReciprocal = mutual || (abSum > 0 && baSum > 0);
    const repeated = pairInter >= REPEAT_MIN;
    for (let end = 0; end < 2; end++) {
      const x = end === 0 ? i : j;
      contacts[x]!++;
      if (repeated) repeatedContacts[x]!++;
      else oneOff[x]!++;
      if (isReciprocal) reciprocal[x]!++;
    }
  }
  const features: NodeFeatures[] = links.nodes.map((node, i) => ({
    contacts: contacts[i]!,
    repeatedContacts: repeatedContacts[i]!,
    oneOffShare: contacts[i] ? oneOff[i]! / contacts[i]! : 0,
    reciprocity: contacts[i] ? reciprocal[i]! / contacts[i]! : 0,
    organisation: node.kind === 'organisation',
    transfersIn: transfersIn[i]!,
    transfersOut: transfersOut[i]!,
    trips: trips[i]!,
  }));
  const service = features.map(serviceLikeness);
  const discounted = zeros(Float64Array, pairCount);
  for (let p = 0; p < pairCount; p++)
    discounted[p] = pairStrength[p]! * (1 - SERVICE_DISCOUNT * Math.max(service[pairI[p]!]!, service[pairJ[p]!]!));
  // Each pair once, in pair order: every row then comes out in neighbour order, with nothing to sort or merge.
  const csr = csrFromPairs(ids, index, pairI, pairJ, pairStrength);
  const core = csrFromPairs(ids, index, pairI, pairJ, discounted);
  return { ids, csr, core, features };
}
