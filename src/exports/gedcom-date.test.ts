import { describe, expect, it } from 'vitest';
import { gedcomDate } from './gedcom-date.ts';

describe('EDTF dates in GEDCOM 7', () => {
  it('writes days, months and years as GEDCOM does', () => {
    expect(gedcomDate('1910-11-12')).toEqual({ value: '12 NOV 1910', phrase: null });
    expect(gedcomDate('1901-10-01').value).toBe('1 OCT 1901');
    expect(gedcomDate('1940-05').value).toBe('MAY 1940');
    expect(gedcomDate('1931').value).toBe('1931');
  });

  it('says "about" for approximate and uncertain dates, keeping an uncertain one in words', () => {
    expect(gedcomDate('1931~')).toEqual({ value: 'ABT 1931', phrase: null });
    expect(gedcomDate('1910?').value).toBe('ABT 1910');
    expect(gedcomDate('1910?').phrase).toBeTruthy();
  });

  it('makes an interval a period for what lasted and a range for a point in time', () => {
    expect(gedcomDate('1938/1940', { lasting: true }).value).toBe('FROM 1938 TO 1940');
    expect(gedcomDate('1939/1940').value).toBe('BET 1939 AND 1940');
    expect(gedcomDate('../1951-01-15').value).toBe('BEF 15 JAN 1951');
    expect(gedcomDate('1929/..').value).toBe('AFT 1929');
    expect(gedcomDate('1929/..', { lasting: true }).value).toBe('FROM 1929');
  });

  it('bounds what GEDCOM cannot say, with the EDTF in words', () => {
    const decade = gedcomDate('193X');
    expect(decade.value).toBe('BET 1930 AND 1939');
    expect(decade.phrase).toBeTruthy();
    expect(gedcomDate('[1939,1941]').value).toBe('BET 1939 AND 1941');
  });
});
