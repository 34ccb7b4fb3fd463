// The analyst's target list: the ranking, narrowed by the filters, with pins first, removals out, moves and notes.
import type { TargetOverrides } from '../export/targets';

export interface ListEdits {
  /** The full ranking reordered by the analyst; null keeps the computed order. */
  order: string[] | null;
  pinned: string[];
  removed: string[];
  notes: Record<string, string>;
}

export const NO_EDITS: ListEdits = { order: null, pinned: [], removed: [], notes: {} };

/** Entity ids to list: pinned first (as pinned), then the ranking among visible entities, `top` in all. */
export function listIds(ranking: string[], visible: Set<string>, edits: ListEdits, top: number): string[] {
  const removed = new Set(edits.removed);
  const pinned = edits.pinned.filter((id) => !removed.has(id));
  const out = [...pinned];
  const taken = new Set(pinned);
  for (const id of edits.order ?? ranking) {
    if (out.length >= Math.max(top, pinned.length)) break;
    if (!taken.has(id) && !removed.has(id) && visible.has(id)) {
      out.push(id);
      taken.add(id);
    }
  }
  return out;
}

/** Moves `id` one place up (-1) or down (+1) among the listed ids, keeping the rest of the order. */
export function move(ranking: string[], edits: ListEdits, listed: string[], id: string, by: -1 | 1): ListEdits {
  const i = listed.indexOf(id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= listed.length) return edits;
  const other = listed[j]!;
  if (edits.pinned.includes(id) !== edits.pinned.includes(other)) return edits;
  if (edits.pinned.includes(id)) {
    const pinned = [...edits.pinned];
    const a = pinned.indexOf(id);
    const b = pinned.indexOf(other);
    [pinned[a], pinned[b]] = [pinned[b]!, pinned[a]!];
    return { ...edits, pinned };
  }
  const order = [...(edits.order ?? ranking)];
  const a = order.indexOf(id);
  const b = order.indexOf(other);
  [order[a], order[b]] = [order[b]!, order[a]!];
  return { ...edits, order };
}

export function togglePin(edits: ListEdits, id: string): ListEdits {
  return edits.pinned.includes(id)
    ? { ...edits, pinned: edits.pinned.filter((p) => p !== id) }
    : { ...edits, pinned: [...edits.pinned, id], removed: edits.removed.filter((r) => r !== id) };
}

export function remove(edits: ListEdits, id: string): ListEdits {
  return {
    ...edits,
    removed: [...new Set([...edits.removed, id])],
    pinned: edits.pinned.filter((p) => p !== id),
  };
}

/** What the worker needs to write the list exactly as the CLI does; no edits and no filter give the CLI's list. */
export function overridesFor(listed: string[], edits: ListEdits, unchanged: boolean): TargetOverrides {
  const notes = Object.fromEntries(Object.entries(edits.notes).filter(([, n]) => n.trim() !== ''));
  return unchanged ? { notes } : { order: listed, pinned: edits.pinned, notes };
}

/** An edit of the list in words, for the action log: "pinned X; removed Y from the list". */
export function describeEdit(before: ListEdits, after: ListEdits, label: (id: string) => string): string {
  const added = (from: string[], to: string[]) => to.filter((id) => !from.includes(id));
  const parts = [
    ...added(before.pinned, after.pinned).map((id) => `pinned ${label(id)}`),
    ...added(after.pinned, before.pinned).map((id) => `unpinned ${label(id)}`),
    ...added(before.removed, after.removed).map((id) => `removed ${label(id)} from the list`),
    ...added(after.removed, before.removed).map((id) => `put ${label(id)} back on the list`),
  ];
  if (parts.length === 0 && JSON.stringify(before.order) !== JSON.stringify(after.order))
    parts.push(after.order === null ? 'restored the computed order' : 'reordered the list');
  return parts.join('; ');
}
