import { describe, expect, it } from 'vitest';
import { layoutLimitMs, meanMove } from '../../src/app/layout';

describe('#meanMove', () => {
  it("should give the mean distance moved as a share of the drawing's width (its larger side)", () => {
    // Two entities, the drawing 10 wide and 4 high after; one moved 3, the other 4 (a 3-4-5 move would be 5).
    const before = Float64Array.from([0, 0, 10, 4]);
    const after = Float64Array.from([3, 0, 10, 0]);
    expect(meanMove(before, after)).toBeCloseTo((3 + 4) / 2 / 7, 12);
    const diagonal = Float64Array.from([0, 0, 10, 0]);
    expect(meanMove(Float64Array.from([3, 4, 10, 0]), diagonal)).toBeCloseTo(5 / 2 / 10, 12);
  });
  it('should be 0 for no move, a single point or nothing', () => {
    const p = Float64Array.from([1, 2, 5, 9, -3, 4]);
    expect(meanMove(p, p)).toBe(0);
    expect(meanMove(Float64Array.from([0, 0]), Float64Array.from([1, 1]))).toBe(0);
    expect(meanMove(new Float64Array(), new Float64Array())).toBe(0);
  });
});

describe('#layoutLimitMs', () => {
  it('should give small views 2.5 s and 4 ms an entity, and no view more than 8 s', () => {
    expect(layoutLimitMs(0)).toBe(2500);
    expect(layoutLimitMs(326)).toBe(2500 + 326 * 4);
    expect(layoutLimitMs(1375)).toBe(8000);
    expect(layoutLimitMs(20_000)).toBe(8000);
  });
});
