import { describe, expect, it } from 'vitest';
import { phoneticCodes, phoneticKeys } from './phonetic.ts';

const shareKey = (a: string, b: string) => phoneticKeys(a).some((key) => phoneticKeys(b).includes(key));

describe('phoneticCodes', () => {
  it('gives the published Daitch–Mokotoff and Cologne codes', () => {
    // DM: Z=4, CK=5/45, R=9 (two codes); Cologne: Z=8, CK=4, R=7.
    expect(phoneticCodes('Zucker')).toEqual({ dm: ['459000', '445900'], cologne: '847' });
    // Cologne's textbook example: Müller-Lüdenscheidt = 60550750206880022 → here per token.
    expect(phoneticCodes('Müller').cologne).toBe('657');
    expect(phoneticCodes('Wikipedia').cologne).toBe('3412');
    // RS is coded 94 or 4 in the original tables, so Peters has two codes.
    expect(phoneticCodes('Peters').dm).toEqual(['739400', '734000']);
  });

  it('codes Cyrillic through the German (Cologne) and German + English (DM) transliterations', () => {
    expect(phoneticCodes('Ежов')).toEqual(phoneticCodes('Jeschow'));
    expect(phoneticCodes('Вышинский').dm).toEqual(
      expect.arrayContaining([...phoneticCodes('Wyschinski').dm, ...phoneticCodes('Vyshinsky').dm]),
    );
  });

  it('returns no code for a token without letters', () => {
    expect(phoneticCodes('1937')).toEqual({ dm: [], cologne: null });
    expect(phoneticKeys('')).toEqual([]);
  });

  it('romanizes other scripts before coding', () => {
    expect(phoneticCodes('Ωμέγα').cologne).not.toBeNull();
  });
});

describe('phoneticKeys', () => {
  it('prefixes DM with dm: and Cologne with k:', () => {
    expect(phoneticKeys('Fabisch')).toEqual(['dm:774000', 'k:318']);
  });

  it.each([
    ['Zucker', 'Cukier'],
    ['Zucker', 'Цукер'],
    ['Neumann', 'Naumann'],
    ['Fabisch', 'Fabish'],
    ['Fabisch', 'Фабиш'],
    ['Jeschow', 'Yezhov'],
    ['Schmidt', 'Schmitt'],
    // Both codes ignore vowels and voicing: why phonetic matches rank below skeletons.
    ['Winter', 'Wunder'],
  ])('%s and %s sound alike', (a, b) => {
    expect(shareKey(a, b)).toBe(true);
  });

  it.each([
    ['Fabisch', 'Fischer'],
    ['Baltes', 'Walter'],
  ])('%s and %s do not', (a, b) => {
    expect(shareKey(a, b)).toBe(false);
  });
});
