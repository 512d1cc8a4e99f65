import { describe, expect, it } from 'vitest';
import { parseListDate } from './dates.ts';

describe('parseListDate', () => {
  it.each([
    ['1901-03-12', { year: 1901, month: 3, day: 12 }],
    ['1901', { year: 1901 }],
    ['12.03.1901', { year: 1901, month: 3, day: 12 }],
    ['03.1901', { year: 1901, month: 3 }],
    ['12 марта 1901', { year: 1901, month: 3, day: 12 }],
    ['5 мая 1938', { year: 1938, month: 5, day: 5 }],
    ['12. März 1901', { year: 1901, month: 3, day: 12 }],
    ['1901 г.р.', { year: 1901 }],
    ['1901~', { year: 1901 }],
  ])('reads %s', (text, parts) => {
    expect(parseListDate(text)).toEqual(parts);
  });

  it('gives null for what is no date', () => {
    for (const t of ['', '   ', 'unbekannt', '31.02.1901x', '99.99.1901', '12.13.1901']) {
      const d = parseListDate(t);
      if (d) expect(d.month === undefined || (d.month >= 1 && d.month <= 12)).toBe(true);
    }
    expect(parseListDate('unbekannt')).toBeNull();
    expect(parseListDate(null)).toBeNull();
  });
});

describe('parseListDate on stored EDTF', () => {
  it.each([
    ['1901-03', { year: 1901, month: 3 }],
    ['1901?', { year: 1901 }],
    ['1901%', { year: 1901 }],
    ['1901-02-31', { year: 1901 }],
    ['1900-02-29', { year: 1900 }],
    ['1904-02-29', { year: 1904, month: 2, day: 29 }],
    ['1901-21', { year: 1901 }],
  ])('reads %s without the grammar where it can, as the grammar did', (text, parts) => {
    expect(parseListDate(text)).toEqual(parts);
  });
});
