// A large case opens on its most relevant part: the communities of the top targets, until a budget of entities
// is reached. The rest stays one click away.
import type { CaseView } from '../worker/messages';
import { forEachLinkTouching, nodeIndex } from './links';

export const FOCUS_LIMIT = 1500;

export interface Focus {
  /** Entities to draw; null draws all. */
  nodes: Set<string> | null;
  /** What is shown and what is hidden, in words. */
  description: string;
}

export function initialFocus(view: CaseView, limit = FOCUS_LIMIT): Focus {
  const total = view.nodes.length;
  if (total <= limit) return { nodes: null, description: `All ${total} entities are shown.` };
  const members = new Map<number, string[]>();
  for (const n of view.nodes) {
    const list = members.get(n.metrics.community) ?? [];
    list.push(n.id);
    members.set(n.metrics.community, list);
  }
  const index = nodeIndex(view);
  const community = (id: string) => view.nodes[index.get(id)!]!.metrics.community;
  const chosen: number[] = [];
  const nodes = new Set<string>();
  for (const id of view.ranking) {
    const c = community(id);
    if (chosen.includes(c)) continue;
    const list = members.get(c)!;
    if (nodes.size + list.length > limit) continue;
    chosen.push(c);
    for (const m of list) nodes.add(m);
    if (nodes.size >= limit * 0.8) break;
  }
  if (nodes.size === 0) {
    // Every community is larger than the budget: the top targets and their direct contacts instead.
    const top = new Set(view.ranking.slice(0, Math.min(50, Math.floor(limit / 2))));
    for (const id of top) nodes.add(id);
    forEachLinkTouching(view, top, (k) => {
      if (nodes.size >= limit) return false;
      const e = view.edges.at(k)!;
      if (top.has(e.source)) nodes.add(e.target);
      else if (top.has(e.target)) nodes.add(e.source);
      return true;
    });
    return {
      nodes,
      description: `Showing the top ${top.size} targets and their contacts: ${nodes.size} of ${total} entities. ${total - nodes.size} are hidden.`,
    };
  }
  return {
    nodes,
    description: `Showing the ${chosen.length} communities of the top targets (${chosen.join(', ')}): ${nodes.size} of ${total} entities. ${total - nodes.size} are hidden.`,
  };
}
