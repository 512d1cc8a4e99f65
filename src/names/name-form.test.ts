import { describe, expect, it } from 'vitest';
import { isPatronymic, parseNameForm } from './name-form.ts';

const shape = (text: string) => parseNameForm(text).words.map((w) => `${w.role}:${w.spellings.join('|')}`);

describe('parseNameForm', () => {
  it('reads the Soviet order: surname, given name, patronymic', () => {
    expect(shape('Краус Леопольд Яковлевич')).toEqual(['surname:Краус', 'given:Леопольд', 'patronymic:Яковлевич']);
    expect(parseNameForm('Краус Леопольд Яковлевич').surnameFirst).toBe(true);
  });

  it('keeps several given names apart', () => {
    expect(shape('Кляйн Адольф Иосиф Перегринович')).toEqual([
      'surname:Кляйн',
      'given:Адольф',
      'given:Иосиф',
      'patronymic:Перегринович',
    ]);
  });

  it('takes a comma after the first word as the surname', () => {
    expect(shape('Гельман, Ганс')).toEqual(['surname:Гельман', 'given:Ганс']);
    expect(shape('Kraus, Leopold')).toEqual(['surname:Kraus', 'given:Leopold']);
  });

  it('leaves the order open where the form does not tell', () => {
    expect(shape('Ганс Густав Адольф Гельман')).toEqual([
      'unknown:Ганс',
      'unknown:Густав',
      'unknown:Адольф',
      'unknown:Гельман',
    ]);
    expect(parseNameForm('Leopold Kraus').surnameFirst).toBe(false);
  });

  it('puts given names before a patronymic and the surname after it', () => {
    expect(shape('Фридрих Оттович Хоутерманс')).toEqual(['given:Фридрих', 'patronymic:Оттович', 'surname:Хоутерманс']);
    expect(shape('Meta Iosifovna Malachova')).toEqual(['given:Meta', 'patronymic:Iosifovna', 'surname:Malachova']);
  });

  it('reads a bracketed spelling as an alternative of the word it most resembles', () => {
    expect(shape('Фридель (Фридль) Франц Леопольдович')).toEqual([
      'surname:Фридель|Фридль',
      'given:Франц',
      'patronymic:Леопольдович',
    ]);
    expect(shape('Вельфель Иосиф Иоганович (Вольфель)')).toEqual([
      'surname:Вельфель|Вольфель',
      'given:Иосиф',
      'patronymic:Иоганович',
    ]);
    expect(shape('Бауэр Фриц Иванович (Фридрих Иоганович)')).toEqual([
      'surname:Бауэр',
      'given:Фриц|Фридрих',
      'patronymic:Иванович|Иоганович',
    ]);
    // Several words in one bracket give the words just before it again, word by word, even where
    // a spelling alone resembles the surname as much as the given name.
    expect(shape('Фердини Фриц Фридрихович (Фридрих Давыдович)')).toEqual([
      'surname:Фердини',
      'given:Фриц|Фридрих',
      'patronymic:Фридрихович|Давыдович',
    ]);
    expect(shape('Хаузер (Гаузер) Финценц (Финценцер, Франценц)')).toEqual([
      'unknown:Хаузер|Гаузер',
      'unknown:Финценц|Финценцер|Франценц',
    ]);
    expect(shape('Maximilian Maximilianowitsch (Maxowitsch) Weber')).toEqual([
      'given:Maximilian',
      'patronymic:Maximilianowitsch|Maxowitsch',
      'surname:Weber',
    ]);
  });

  it('reads a first word ending in -ович before others as a surname, never a patronymic', () => {
    expect(shape('Манкович Фридрих Мартынович')).toEqual([
      'surname:Манкович',
      'given:Фридрих',
      'patronymic:Мартынович',
    ]);
    expect(shape('Фридрихович')).toEqual(['patronymic:Фридрихович']);
  });

  it('marks initials', () => {
    expect(shape('М. Альберт')).toEqual(['initial:М.', 'unknown:Альберт']);
    expect(shape('F. Houtermans')).toEqual(['initial:F.', 'unknown:Houtermans']);
  });

  it('never throws on hostile input', () => {
    for (const text of ['', '(', ')))', '((a', ',,,', 'a (b (c) d', '\u0000', 'x'.repeat(5000)]) {
      expect(() => parseNameForm(text)).not.toThrow();
    }
    expect(parseNameForm(undefined as unknown as string).words).toEqual([]);
  });
});

describe('isPatronymic', () => {
  it('knows Russian and transliterated patronymics', () => {
    for (const p of ['Яковлевич', 'Оттовна', 'Ильич', 'Францевич', 'Iosifovna', 'Ivanovich', 'Maximilianowitsch'])
      expect(isPatronymic(p), p).toBe(true);
  });

  it('does not take surnames and short names for patronymics', () => {
    for (const w of ['Bich', 'Мич', 'Hellmann', 'Kraus', 'Рич', 'Schmidt']) expect(isPatronymic(w), w).toBe(false);
  });
});
