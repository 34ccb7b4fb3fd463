// The target score: who holds the network together, resisting the innocent hubs (taxi firms, surgeries,
// shops) that top a naive degree ranking. The intelligence work (roles, victims, patterns) extends this module.
//
// score = base × (1 − HUB_PENALTY_WEIGHT × penalty), where, on the core tie strengths (see projection.ts),
//   base    = 0.35 × betweenness + 0.30 × eigenvector + 0.20 × core strength + 0.15 × PageRank (each ÷ its maximum)
//   penalty = min(1, service-likeness + 0.5 if a register lists the entity as an organisation)
//   service-likeness = share of one-off contacts × min(1, contacts ÷ 20) × (1 − reciprocity ÷ 2)
// A taxi firm called once by hundreds of people is service-like; a boss with five contacts called daily is not.
import type { Centralities } from './centrality';
import { serviceLikeness, type NodeFeatures } from './projection';
import { zeros } from '../lib/typed';
import { orderDescending, ranks } from '../lib/math';

export const SCORE_WEIGHTS = { betweenness: 0.35, eigenvector: 0.3, strength: 0.2, pagerank: 0.15 } as const;
export const HUB_PENALTY_WEIGHT = 0.85;
export const ORGANISATION_PENALTY = 0.5;

export type Factor = keyof typeof SCORE_WEIGHTS;

export interface RankedNode {
  index: number;
  score: number;
  base: number;
  penalty: number;
  serviceLikeness: number;
  /** Each factor's share of the base score. */
  contributions: Record<Factor, number>;
  /** Rank (1 = highest) of the node on each factor. */
  factorRanks: Record<Factor, number>;
}

function normalised(values: Float64Array): Float64Array {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max > 0 ? values.map((v) => v / max) : zeros(Float64Array, values.length);
}

/** The service-hub penalty of an entity (see the top of this file): its features alone, no centrality. */
export function hubPenaltyOf(f: NodeFeatures, service = serviceLikeness(f)): number {
  return Math.min(1, service + (f.organisation ? ORGANISATION_PENALTY : 0));
}

/** Scores every node; returns them best first (ties by node order, so runs repeat). */
export function rankNodes(core: Centralities, features: NodeFeatures[]): RankedNode[] {
  const factors: Record<Factor, Float64Array> = {
    betweenness: normalised(core.betweenness),
    eigenvector: normalised(core.eigenvector),
    strength: normalised(core.strength),
    pagerank: normalised(core.pagerank),
  };
  const factorRanks = {
    betweenness: ranks(core.betweenness),
    eigenvector: ranks(core.eigenvector),
    strength: ranks(core.strength),
    pagerank: ranks(core.pagerank),
  };
  const ranked: RankedNode[] = features.map((f, i) => {
    const contributions = {} as Record<Factor, number>;
    let base = 0;
    for (const factor of Object.keys(SCORE_WEIGHTS) as Factor[]) {
      contributions[factor] = SCORE_WEIGHTS[factor] * factors[factor][i]!;
      base += contributions[factor];
    }
    const service = serviceLikeness(f);
    const penalty = hubPenaltyOf(f, service);
    return {
      index: i,
      score: base * (1 - HUB_PENALTY_WEIGHT * penalty),
      base,
      penalty,
      serviceLikeness: service,
      contributions,
      factorRanks: {
        betweenness: factorRanks.betweenness[i]!,
        eigenvector: factorRanks.eigenvector[i]!,
        strength: factorRanks.strength[i]!,
        pagerank: factorRanks.pagerank[i]!,
      },
    };
  });
  // Best first, ties in node order (each node's index is its place in `ranked`).
  // (in loops: TypedArray.from and Array.from with a function go through an iterator per value)
  const scores = zeros(Float64Array, ranked.length);
  for (let i = 0; i < ranked.length; i++) scores[i] = ranked[i]!.score;
  const order = orderDescending(scores);
  const out: RankedNode[] = [];
  for (let k = 0; k < order.length; k++) out.push(ranked[order[k]!]!);
  return out;
}

const FACTOR_WORDS: Record<Factor, (rank: number) => string> = {
  betweenness: (r) => `bridges otherwise separate parts of the network (brokerage #${r})`,
  eigenvector: (r) => `tied closely to other central people (inner circle #${r})`,
  strength: (r) => `heavy, repeated two-way contact (contact volume #${r})`,
  pagerank: (r) => `many paths of contact lead to them (influence #${r})`,
};

/** The factors in SCORE_WEIGHTS' order, which breaks ties between equal contributions. */
const FACTORS = Object.keys(SCORE_WEIGHTS) as Factor[];

/**
 * A short investigator's note: the top two factors, the tie facts, and any down-weighting with its reason. Made
 * for every entity of a case once its ranking is in: built with no array or sort on the way (a city's hundred
 * thousand notes made 240 MB of them for the collector, in the one step where the helper thread has nothing to
 * do).
 */
export function explain(node: RankedNode, f: NodeFeatures): string {
  // The two largest positive contributions, the earlier factor first where two are equal.
  const c = node.contributions;
  let first: Factor | undefined;
  let second: Factor | undefined;
  for (const k of FACTORS) {
    const v = c[k];
    if (!(v > 0)) continue;
    if (first === undefined || v > c[first]) {
      second = first;
      first = k;
    } else if (second === undefined || v > c[second]) second = k;
  }
  let out = '';
  if (first !== undefined) out += FACTOR_WORDS[first](node.factorRanks[first]) + '; ';
  if (second !== undefined) out += FACTOR_WORDS[second](node.factorRanks[second]) + '; ';
  out += `${f.repeatedContacts} of ${f.contacts} contacts repeated`;
  if (f.transfersIn) out += `, ${f.transfersIn} transfers in`;
  if (f.transfersOut) out += `, ${f.transfersOut} transfers out`;
  if (f.trips) out += `, ${f.trips} shared journeys`;
  if (node.penalty >= 0.2) {
    let why = '';
    if (node.serviceLikeness >= 0.1) why = `${Math.round(f.oneOffShare * 100)}% one-off contacts`;
    if (f.organisation) why += (why ? '; ' : '') + 'registered as an organisation';
    out += `; down-weighted ${Math.round(HUB_PENALTY_WEIGHT * node.penalty * 100)}% as a likely service hub (${why})`;
  }
  return out;
}
