// A new number that starts when another stops and calls the same people: the same user on a new SIM (a burner,
// or a new handset). Used by the swap rule of entity resolution and, when that rule is off, as a finding.
import type { CallRecord, SourceRow } from '../model/types';
import { pushTo } from '../lib/maps';

const DAY = 86_400_000;
/** A contact called by more numbers than this (a shop, a taxi firm) says nothing about who is who. */
const MAX_SHARED_BY = 50;

export interface Takeover {
  oldId: string;
  newId: string;
  shared: number;
  /** Jaccard similarity of the two contact sets. */
  similarity: number;
  oldLast: number;
  newFirst: number;
  /** The new number's first call. */
  firstRow: SourceRow;
}

/**
 * Pairs where the new number starts a week or more after the old one and within a week of its last call, the
 * old one never outlasts the new, and their contacts overlap by half or more on three or more shared contacts.
 * `keyOf` maps an identifier to the person it is known to be (so far).
 */
export function findTakeovers(calls: CallRecord[], keyOf: (identifier: string) => string): Takeover[] {
  const users = new Map<string, { others: Set<string>; first: number; last: number; firstRow: SourceRow }>();
  for (const c of calls) {
    const a = keyOf(c.caller);
    const b = keyOf(c.callee);
    if (a === b) continue;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let u = users.get(x);
      if (!u) users.set(x, (u = { others: new Set(), first: Infinity, last: -Infinity, firstRow: c }));
      u.others.add(y);
      if (c.start < u.first) {
        u.first = c.start;
        u.firstRow = c;
      }
      u.last = Math.max(u.last, c.start);
    }
  }
  // Numbers by index, and for each contact the numbers that call it, soonest to stop first: a new number's
  // possible old ones stopped around when it started, so in a city where most numbers run all period long
  // only the few that stop early are ever visited.
  const ids = [...users.keys()];
  const list = ids.map((id) => users.get(id)!);
  const byContact = new Map<string, number[]>();
  list.forEach((u, i) => {
    if (u.others.size >= 3) for (const o of u.others) pushTo(byContact, o, i);
  });
  for (const callers of byContact.values()) callers.sort((a, b) => list[a]!.last - list[b]!.last);
  const out: Takeover[] = [];
  const shared = new Map<number, number>();
  list.forEach((n, newIndex) => {
    if (n.others.size < 3) return;
    shared.clear();
    const latestStop = n.first + 7 * DAY;
    for (const x of n.others) {
      const callers = byContact.get(x)!;
      if (callers.length > MAX_SHARED_BY) continue;
      for (const oldIndex of callers) {
        const o = list[oldIndex]!;
        if (o.last > latestStop) break;
        if (oldIndex !== newIndex && n.first >= o.first + 7 * DAY && o.last < n.last)
          shared.set(oldIndex, (shared.get(oldIndex) ?? 0) + 1);
      }
    }
    for (const [oldIndex, count] of shared) {
      if (count < 3) continue;
      const o = list[oldIndex]!;
      let union = n.others.size;
      for (const x of o.others) if (!n.others.has(x)) union++;
      const similarity = count / union;
      if (similarity < 0.5) continue;
      out.push({
        oldId: ids[oldIndex]!,
        newId: ids[newIndex]!,
        shared: count,
        similarity,
        oldLast: o.last,
        newFirst: n.first,
        firstRow: n.firstRow,
      });
    }
  });
  out.sort((a, b) => (a.oldId < b.oldId ? -1 : a.oldId > b.oldId ? 1 : a.newId < b.newId ? -1 : 1));
  return out;
}

export function describeTakeover(t: Takeover, label: (id: string) => string): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `${label(t.newId)} takes over from ${label(t.oldId)}: ${t.shared} shared contacts (similarity ${t.similarity.toFixed(2)}), starting ${day(t.newFirst)} as the old number stops ${day(t.oldLast)}`;
}
