import { describe, expect, it } from 'vitest';
import { formatEdtf } from './edtf.ts';

// [EDTF, English, German, Russian]
type Row = [string, string, string, string];

const cases: Record<string, Row[]> = {
  'days, months and years': [
    ['1937-11-20', '20 November 1937', '20. November 1937', '20 ноября 1937'],
    ['1940-05', 'May 1940', 'Mai 1940', 'май 1940'],
    ['1937', '1937', '1937', '1937'],
    ['1940-02-29', '29 February 1940', '29. Februar 1940', '29 февраля 1940'],
    ['1985-04-12T23:20:30', '12 April 1985', '12. April 1985', '12 апреля 1985'],
    ['-0100', '101 BC', '101 v. Chr.', '101 до н. э.'],
  ],
  'approximate and uncertain': [
    ['1931~', 'about 1931', 'ungefähr 1931', 'около 1931'],
    ['1940-05~', 'about May 1940', 'ungefähr im Mai 1940', 'около мая 1940'],
    ['1937-11-20~', 'about 20 November 1937', 'ungefähr am 20. November 1937', 'около 20 ноября 1937'],
    ['1910?', '1910 (uncertain)', '1910 (unsicher)', '1910 (предположительно)'],
    ['1940-05?', 'May 1940 (uncertain)', 'Mai 1940 (unsicher)', 'май 1940 (предположительно)'],
    ['1931%', 'about 1931 (uncertain)', 'ungefähr 1931 (unsicher)', 'около 1931 (предположительно)'],
    [
      '1937~-12',
      'December 1937 (year approximate)',
      'Dezember 1937 (Jahr ungefähr)',
      'декабрь 1937 (год приблизительно)',
    ],
    [
      '2004-?06-11',
      '11 June 2004 (month uncertain)',
      '11. Juni 2004 (Monat unsicher)',
      '11 июня 2004 (месяц предположительно)',
    ],
    [
      '?2004-06-~11',
      '11 June 2004 (day approximate, year uncertain)',
      '11. Juni 2004 (Tag ungefähr, Jahr unsicher)',
      '11 июня 2004 (день приблизительно, год предположительно)',
    ],
    ['193~', 'about the 1930s', 'ungefähr in den 1930er Jahren', 'около 1930-х годов'],
    ['19?', '20th century (uncertain)', '20. Jahrhundert (unsicher)', 'XX век (предположительно)'],
  ],
  'unspecified digits': [
    ['193X', '1930s', '1930er Jahre', '1930-е годы'],
    ['19XX', '20th century', '20. Jahrhundert', 'XX век'],
    ['1XXX', '1000–1999', '1000–1999', '1000–1999'],
    ['XXXX', 'unknown date', 'unbekanntes Datum', 'дата неизвестна'],
    ['1937-XX', '1937', '1937', '1937'],
    ['1937-1X', 'October–December 1937', 'Oktober–Dezember 1937', 'октябрь–декабрь 1937'],
    ['1937-X1', 'January or November 1937', 'Januar oder November 1937', 'январь или ноябрь 1937'],
    ['1937-12-XX', 'December 1937', 'Dezember 1937', 'декабрь 1937'],
    ['1937-12-1X', '10–19 December 1937', '10.–19. Dezember 1937', '10–19 декабря 1937'],
    [
      '1937-12-X1',
      '1, 11, 21 or 31 December 1937',
      '1., 11., 21. oder 31. Dezember 1937',
      '1, 11, 21 или 31 декабря 1937',
    ],
    ['1900-02-X9', '9 or 19 February 1900', '9. oder 19. Februar 1900', '9 или 19 февраля 1900'],
    [
      '1937-XX-15',
      '1937 (day 15, month unknown)',
      '1937 (Tag 15, Monat unbekannt)',
      '1937 (день 15, месяц неизвестен)',
    ],
    ['1937-X2-30', '30 December 1937', '30. Dezember 1937', '30 декабря 1937'],
    ['1X37', '1X37', '1X37', '1X37'],
  ],
  'decades, centuries and years with significant digits': [
    ['193', '1930s', '1930er Jahre', '1930-е годы'],
    ['19', '20th century', '20. Jahrhundert', 'XX век'],
    ['20', '21st century', '21. Jahrhundert', 'XXI век'],
    ['1950S2', '1900–1999', '1900–1999', '1900–1999'],
  ],
  seasons: [
    ['1940-21', 'spring 1940', 'Frühjahr 1940', 'весна 1940'],
    ['1940-22', 'summer 1940', 'Sommer 1940', 'лето 1940'],
    ['1940-23', 'autumn 1940', 'Herbst 1940', 'осень 1940'],
    ['1940-24', 'winter 1940/41', 'Winter 1940/41', 'зима 1940/41'],
    ['1999-28', 'winter 1999/2000', 'Winter 1999/2000', 'зима 1999/2000'],
    ['1940-25', 'spring 1940', 'Frühjahr 1940', 'весна 1940'],
    ['1940-29', 'spring 1940 (Southern Hemisphere)', 'Frühjahr 1940 (Südhalbkugel)', 'весна 1940 (Южное полушарие)'],
    ['1940-33', 'January–March 1940', 'Januar–März 1940', 'январь–март 1940'],
    ['1940-38', 'May–August 1940', 'Mai–August 1940', 'май–август 1940'],
    ['1940-41', 'July–December 1940', 'Juli–Dezember 1940', 'июль–декабрь 1940'],
  ],
  intervals: [
    ['1939/1940', 'from 1939 to 1940', 'von 1939 bis 1940', 'с 1939 по 1940'],
    ['1940-05/1941-06', 'from May 1940 to June 1941', 'von Mai 1940 bis Juni 1941', 'с мая 1940 по июнь 1941'],
    [
      '1937-11-20/1938-05-05',
      'from 20 November 1937 to 5 May 1938',
      'vom 20. November 1937 bis zum 5. Mai 1938',
      'с 20 ноября 1937 по 5 мая 1938',
    ],
    ['../1940', 'until 1940', 'bis 1940', 'до 1940'],
    ['../1940-05', 'until May 1940', 'bis Mai 1940', 'до мая 1940'],
    ['1939/..', 'from 1939', 'ab 1939', 'с 1939'],
    ['1937-11-20/..', 'from 20 November 1937', 'ab dem 20. November 1937', 'с 20 ноября 1937'],
    [
      '1939/',
      'from 1939 to an unknown date',
      'von 1939 bis zu einem unbekannten Zeitpunkt',
      'с 1939 по неизвестную дату',
    ],
    ['/1940', 'from an unknown date to 1940', 'von einem unbekannten Zeitpunkt bis 1940', 'с неизвестной даты по 1940'],
    [
      'XXXX/1940',
      'from an unknown date to 1940',
      'von einem unbekannten Zeitpunkt bis 1940',
      'с неизвестной даты по 1940',
    ],
    ['193X/1945', 'from the 1930s to 1945', 'von den 1930er Jahren bis 1945', 'с 1930-х годов по 1945'],
    ['1935/194X', 'from 1935 to the 1940s', 'von 1935 bis in die 1940er Jahre', 'с 1935 по 1940-е годы'],
    [
      '1939~/1940?',
      'from about 1939 to 1940 (uncertain)',
      'von 1939 (ungefähr) bis 1940 (unsicher)',
      'с 1939 (приблизительно) по 1940 (предположительно)',
    ],
    ['1940-05~/..', 'from about May 1940', 'ab Mai 1940 (ungefähr)', 'с мая 1940 (приблизительно)'],
  ],
  'sets (one of)': [
    ['[1939..1940]', 'between 1939 and 1940', 'zwischen 1939 und 1940', 'между 1939 и 1940'],
    ['[1939,1940]', '1939 or 1940', '1939 oder 1940', '1939 или 1940'],
    ['[1937,1939,1940]', '1937, 1939 or 1940', '1937, 1939 oder 1940', '1937, 1939 или 1940'],
    [
      '[1939, 1940-05..1940-07]',
      '1939 or between May 1940 and July 1940',
      '1939 oder zwischen Mai 1940 und Juli 1940',
      '1939 или между маем 1940 и июлем 1940',
    ],
    [
      '[1939-12-01..1939-12-03]',
      'between 1 December 1939 and 3 December 1939',
      'zwischen dem 1. Dezember 1939 und dem 3. Dezember 1939',
      'между 1 декабря 1939 и 3 декабря 1939',
    ],
    ['[..1940]', '1940 or earlier', '1940 oder früher', '1940 или ранее'],
    ['[1939..]', '1939 or later', '1939 oder später', '1939 или позже'],
    ['[~1939,1940]', 'about 1939 or 1940', '1939 (ungefähr) oder 1940', '1939 (приблизительно) или 1940'],
  ],
  'lists (all of)': [
    ['{1939,1940}', '1939 and 1940', '1939 und 1940', '1939 и 1940'],
    ['{1939..1940}', 'from 1939 to 1940', 'von 1939 bis 1940', 'с 1939 по 1940'],
    [
      '{1937-11..1937-12}',
      'from November 1937 to December 1937',
      'von November 1937 bis Dezember 1937',
      'с ноября 1937 по декабрь 1937',
    ],
    ['{..1939,1940}', '1939, 1940 and earlier dates', '1939, 1940 und frühere Daten', '1939, 1940 и более ранние даты'],
  ],
};

describe('formatEdtf', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(rows)('%s', (value, enWords, deWords, ruWords) => {
        expect(formatEdtf(value, 'en')).toBe(enWords);
        expect(formatEdtf(value, 'de')).toBe(deWords);
        expect(formatEdtf(value, 'ru')).toBe(ruWords);
      });
    });
  }

  it.each(['', 'sometime in 1939', '1939-02-29', '1940/1939', '1937-13'])(
    'returns %j unchanged as it is not a valid date',
    (value) => {
      for (const lang of ['en', 'de', 'ru'] as const) expect(formatEdtf(value, lang)).toBe(value);
    },
  );
});
