// Communities: Louvain (Blondel et al. 2008) on the analysis graph's typed arrays (./louvain), seeded so runs repeat,
// on the combined strength of the analysis graph. Community numbers are renumbered by size (0 = largest).
import { appError } from '../lib/errors';
import type { Csr } from './csr';
import { louvainCsr } from './louvain';
import { zeros } from '../lib/typed';

export interface CommunityOptions {
  resolution: number;
  seed: number;
}

export const DEFAULT_COMMUNITY_OPTIONS: CommunityOptions = { resolution: 1, seed: 1 };

export interface Communities {
  /** Community of each CSR node. */
  membership: Int32Array;
  count: number;
  modularity: number;
}

export function detectCommunities(csr: Csr, options: Partial<CommunityOptions> = {}): Communities {
  const o = { ...DEFAULT_COMMUNITY_OPTIONS, ...options };
  if (!(o.resolution > 0)) throw appError('communities', `resolution is ${o.resolution}; expected a positive number`);
  const n = csr.ids.length;
  const result = louvainCsr(csr, o.resolution, o.seed);
  const membership = zeros(Int32Array, n);
  // Renumber: largest community first, ties by the smallest node index in it.
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = result.membership[i]!;
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(i);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  ordered.forEach((members, c) => members.forEach((i) => (membership[i] = c)));
  return { membership, count: ordered.length, modularity: result.modularity };
}
