import { describe, expect, it } from 'vitest';
import { deriveFate, type FateEvent } from './fate.ts';

const ev = (type: string, date_min: string | null = null, rank = 'normal'): FateEvent => ({ type, date_min, rank });

describe('deriveFate', () => {
  it('says shot in the USSR after an execution', () => {
    expect(
      deriveFate([ev('birth', '1904-04-06'), ev('arrest', '1937-11-20'), ev('execution', '1937-12-27')], true),
    ).toBe('shot_in_ussr');
  });

  it('says died in Nazi custody when death follows a handover, whatever the order given', () => {
    const events = [ev('death', '1941-10-23'), ev('arrest', '1937-01-01'), ev('handover', '1939-01-01')];
    expect(deriveFate(events, true)).toBe('died_in_nazi_custody');
  });

  it('says handed to the Gestapo for a survivor of Nazi camps', () => {
    const events = [
      ev('arrest', '1938-07-19'),
      ev('handover', '1940-02-08'),
      ev('concentration-camp', '1940-08-02'),
      ev('release', '1945-04-21'),
      ev('death', '1989-11-06'),
    ];
    expect(deriveFate(events, true)).toBe('handed_to_gestapo');
  });

  it('does not count a death long after the war as a death in custody, even without a recorded release', () => {
    const events = [
      ev('arrest', '1938-07-19'),
      ev('handover', '1940-02-08'),
      ev('concentration-camp', '1940-08'),
      ev('death', '1989-11-06'),
    ];
    expect(deriveFate(events, true)).toBe('handed_to_gestapo');
  });

  it('counts an expulsion followed by a concentration camp as Nazi custody', () => {
    const events = [
      ev('arrest', '1937-04'),
      ev('expulsion', '1938-01'),
      ev('concentration-camp', '1942'),
      ev('death', '1943'),
    ];
    expect(deriveFate(events, true)).toBe('died_in_nazi_custody');
  });

  it('says died in Soviet custody when death comes in a camp with no release', () => {
    expect(deriveFate([ev('arrest', '1938-03-08'), ev('camp', '1938-06'), ev('death', '1942-01-25')], true)).toBe(
      'died_in_soviet_custody',
    );
    expect(deriveFate([ev('arrest', '1938'), ev('release', '1946'), ev('death', '1970')], true)).toBe('survived');
  });

  it('says allowed to leave for an expulsion with no Nazi custody after it', () => {
    expect(deriveFate([ev('arrest', '1937'), ev('expulsion', '1938')], true)).toBe('allowed_to_leave');
  });

  it('ignores deprecated statements', () => {
    expect(
      deriveFate([ev('arrest', '1937'), ev('execution', '1937-12-17', 'deprecated'), ev('release', '1939')], true),
    ).toBe('survived');
  });

  it('gives unknown for a victim without known outcome, and nothing for a non-victim', () => {
    expect(deriveFate([ev('arrest', '1937')], true)).toBe('unknown');
    expect(deriveFate([ev('birth', '1895')], true)).toBe('unknown');
    expect(deriveFate([ev('birth', '1935')], false)).toBeNull();
  });
});
