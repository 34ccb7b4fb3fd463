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
    const penalty = Math.min(1, service + (f.organisation ? ORGANISATION_PENALTY : 0));
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

/** A short investigator's note: the top two factors, the tie facts, and any down-weighting with its reason. */
export function explain(node: RankedNode, f: NodeFeatures): string {
  const top = (Object.keys(SCORE_WEIGHTS) as Factor[])
    .filter((k) => node.contributions[k] > 0)
    .sort((a, b) => node.contributions[b] - node.contributions[a])
    .slice(0, 2)
    .map((k) => FACTOR_WORDS[k](node.factorRanks[k]));
  const parts = [...top];
  const facts = [`${f.repeatedContacts} of ${f.contacts} contacts repeated`];
  if (f.transfersIn) facts.push(`${f.transfersIn} transfers in`);
  if (f.transfersOut) facts.push(`${f.transfersOut} transfers out`);
  if (f.trips) facts.push(`${f.trips} shared journeys`);
  parts.push(facts.join(', '));
  if (node.penalty >= 0.2) {
    const why: string[] = [];
    if (node.serviceLikeness >= 0.1) why.push(`${Math.round(f.oneOffShare * 100)}% one-off contacts`);
    if (f.organisation) why.push('registered as an organisation');
    parts.push(
      `down-weighted ${Math.round(HUB_PENALTY_WEIGHT * node.penalty * 100)}% as a likely service hub (${why.join('; ')})`,
    );
  }
  return parts.join('; ');
}
