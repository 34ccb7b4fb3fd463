import { describe, expect, it } from 'vitest';
import { communityColour } from '../../src/app/palette';

describe('#communityColour', () => {
  it('should give hex colours sigma can read, distinct for many communities', () => {
    const colours = Array.from({ length: 60 }, (_, i) => communityColour(i));
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(60);
  });
});
