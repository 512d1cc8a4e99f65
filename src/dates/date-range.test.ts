import { describe, expect, it } from 'vitest';
import { dateRange } from './date-range.ts';

describe('dateRange', () => {
  it('gives an EDTF string its earliest and latest day', () => {
    expect(dateRange('1940-02')).toEqual({ edtf: '1940-02', min: '1940-02-01', max: '1940-02-29' });
    expect(dateRange('1939/1940')).toEqual({ edtf: '1939/1940', min: '1939-01-01', max: '1940-12-31' });
  });

  it('takes a date whose bounds are known as it is, without parsing it again', () => {
    const known = { edtf: '1937-11-20', min: '1937-11-20', max: '1937-11-20' };
    expect(dateRange(known)).toBe(known);
  });

  it('gives no date empty columns, and refuses what is not EDTF', () => {
    expect(dateRange(undefined)).toEqual({ edtf: null, min: null, max: null });
    expect(dateRange(null)).toEqual({ edtf: null, min: null, max: null });
    expect(() => dateRange('20 November 1937')).toThrow(/not a valid EDTF date/);
  });
});
