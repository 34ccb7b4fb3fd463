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
  const byContact = new Map<string, string[]>();
  for (const [id, u] of users) if (u.others.size >= 3) for (const o of u.others) pushTo(byContact, o, id);
  const candidates = new Set<string>();
  for (const ids of byContact.values()) {
    if (ids.length > MAX_SHARED_BY) continue;
    for (const a of ids) for (const b of ids) if (a !== b) candidates.add(`${a}\u0000${b}`);
  }
  const out: Takeover[] = [];
  for (const pair of [...candidates].sort()) {
    const [oldId, newId] = pair.split('\u0000') as [string, string];
    const o = users.get(oldId)!;
    const n = users.get(newId)!;
    if (!(n.first >= o.first + 7 * DAY && o.last <= n.first + 7 * DAY && o.last < n.last)) continue;
    const shared = [...o.others].filter((x) => n.others.has(x) && (byContact.get(x)?.length ?? 0) <= MAX_SHARED_BY);
    const similarity = shared.length / new Set([...o.others, ...n.others]).size;
    if (shared.length < 3 || similarity < 0.5) continue;
    out.push({
      oldId,
      newId,
      shared: shared.length,
      similarity,
      oldLast: o.last,
      newFirst: n.first,
      firstRow: n.firstRow,
    });
  }
  return out;
}

export function describeTakeover(t: Takeover, label: (id: string) => string): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return `${label(t.newId)} takes over from ${label(t.oldId)}: ${t.shared} shared contacts (similarity ${t.similarity.toFixed(2)}), starting ${day(t.newFirst)} as the old number stops ${day(t.oldLast)}`;
}
