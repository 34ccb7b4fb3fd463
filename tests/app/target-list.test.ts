import { describe, expect, it } from 'vitest';
import { listIds, move, NO_EDITS, overridesFor, remove, togglePin } from '../../src/app/target-list';

const ranking = ['a', 'b', 'c', 'd', 'e'];
const all = new Set(ranking);

describe('#listIds', () => {
  it('should list the top of the ranking among the visible entities', () => {
    expect(listIds(ranking, all, NO_EDITS, 3)).toEqual(['a', 'b', 'c']);
    expect(listIds(ranking, new Set(['b', 'd', 'e']), NO_EDITS, 2)).toEqual(['b', 'd']);
  });

  it('should put pins first, drop removals, and follow a moved order', () => {
    let edits = togglePin(NO_EDITS, 'd');
    edits = remove(edits, 'a');
    expect(listIds(ranking, all, edits, 3)).toEqual(['d', 'b', 'c']);
    edits = move(ranking, edits, ['d', 'b', 'c'], 'c', -1);
    expect(listIds(ranking, all, edits, 3)).toEqual(['d', 'c', 'b']);
    // A pinned entity cannot swap with an unpinned one: pins stay on top.
    expect(move(ranking, edits, ['d', 'c', 'b'], 'c', -1)).toBe(edits);
  });

  it('should unpin, and un-remove by pinning', () => {
    const removed = remove(NO_EDITS, 'a');
    const pinned = togglePin(removed, 'a');
    expect(pinned.removed).toEqual([]);
    expect(togglePin(pinned, 'a').pinned).toEqual([]);
  });
});

describe('#overridesFor', () => {
  it("should ask for the CLI's list when nothing changed, and the shown list otherwise", () => {
    expect(overridesFor(['a', 'b'], { ...NO_EDITS, notes: { a: ' ', b: 'met C' } }, true)).toEqual({
      notes: { b: 'met C' },
    });
    const edits = togglePin(NO_EDITS, 'b');
    expect(overridesFor(['b', 'a'], edits, false)).toEqual({ order: ['b', 'a'], pinned: ['b'], notes: {} });
  });
});
