import { describe, expect, it } from 'vitest';
import { fieldId, nestFormFields } from './form-data.ts';

describe('nestFormFields', () => {
  it('makes the nested document the field paths describe', () => {
    expect(
      nestFormFields([
        ['sex', 'male'],
        ['roles', ['victim', 'witness']],
        ['names.0.surname', 'Harzheim'],
        ['names.0.citations.0.source', '3'],
        ['names.1.surname', 'Harzheym'],
        ['biography.en', 'Miner.'],
      ]),
    ).toEqual({
      sex: 'male',
      roles: ['victim', 'witness'],
      names: [{ surname: 'Harzheim', citations: [{ source: '3' }] }, { surname: 'Harzheym' }],
      biography: { en: 'Miner.' },
    });
  });

  it('closes the gaps a removed entry leaves, keeping the order', () => {
    expect(
      nestFormFields([
        ['names.2.surname', 'C'],
        ['names.0.surname', 'A'],
      ]),
    ).toEqual({
      names: [{ surname: 'A' }, { surname: 'C' }],
    });
  });

  it('ignores paths that reach into prototypes, are empty or too deep', () => {
    const nested = nestFormFields([
      ['__proto__.polluted', 'yes'],
      ['names.constructor.x', 'y'],
      ['a..b', 'c'],
      ['a.b.c.d.e.f.g.h.i', 'deep'],
    ]);
    expect(nested).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives each path a field id', () => {
    expect(fieldId('names.0.surname')).toBe('f-names-0-surname');
  });
});
