// Times in the page are written in the case's time zone, with one formatter kept per zone.
import { describe, expect, it } from 'vitest';
import { formatDay, formatTime } from '../../src/app/dom';

describe('#formatTime', () => {
  it("should write an instant in each zone's own local time, whichever zone came first", () => {
    const t = Date.UTC(2024, 6, 1, 23, 30);
    expect(formatTime(t, 'Europe/London')).toBe('02/07/2024, 00:30');
    expect(formatTime(t, 'UTC')).toBe('01/07/2024, 23:30');
    expect(formatTime(t, 'Europe/London')).toBe('02/07/2024, 00:30');
    expect(formatDay(t, 'Asia/Tokyo')).toBe('02/07/2024');
  });

  it('should fall back to UTC in ISO form for a zone the browser does not know, and a dash for no time', () => {
    expect(formatTime(Date.UTC(2024, 0, 2, 3, 4), 'Mars/Olympus_Mons')).toBe('2024-01-02 03:04');
    expect(formatTime(NaN, 'UTC')).toBe('—');
  });
});
