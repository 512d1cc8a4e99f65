import { describe, expect, it } from 'vitest';
import { RowQueue } from '../../src/db/bulk.ts';
import { ValueDecoder, ValueEncoder } from '../../src/generate/wire.ts';

/** Rows of three columns: a role from a small vocabulary, a number, a name that never repeats. */
function rows(from: number, count: number): unknown[] {
  const values: unknown[] = [];
  const roles = ['subject', 'perpetrator', 'witness', null];
  for (let i = from; i < from + count; i++) values.push(roles[i % 4], i * 1.5, `Name ${i} Ёлкин`);
  return values;
}

describe('rows sent from the generating worker', () => {
  it('arrive as they were sent, batch after batch, while the dictionary grows on both sides', () => {
    const encoder = new ValueEncoder();
    const decoder = new ValueDecoder();
    for (let batch = 0; batch < 4; batch++) {
      const values = rows(batch * 500, 500);
      const encoded = encoder.encode('event_participants', 3, values);
      expect(decoder.decode(encoded)).toEqual(values);
    }
  });

  it('decodes into a queue after the rows already in it, and encodes only the values asked for', () => {
    const encoder = new ValueEncoder();
    const decoder = new ValueDecoder();
    const queue = new RowQueue({ table: 'event_participants', columns: ['role', 'x', 'name'] });
    queue.row('first', 0, 'Erste');
    const values = rows(0, 20);
    // 21 rows' worth in the buffer, of which the encoder is told to take the first 20.
    const encoded = encoder.encode('event_participants', 3, [...values, 'left', 1, 'out'], values.length);
    queue.append(encoded.kinds.length, (buffer, start) => decoder.decodeInto(encoded, buffer, start));
    expect(queue.rows).toBe(21);
    expect(queue.drain((buffer, length) => buffer.slice(0, length))).toEqual(['first', 0, 'Erste', ...values]);
    // The buffer is kept: the next rows overwrite it, and a drain hands over those alone.
    queue.row('next', 2, 'Zweite');
    expect(queue.drain((buffer, length) => buffer.slice(0, length))).toEqual(['next', 2, 'Zweite']);
    expect(queue.rows).toBe(0);
  });

  it('sends a repeated value once and then only its number, but keeps sending values that never repeat', () => {
    const encoder = new ValueEncoder();
    const first = encoder.encode('t', 3, rows(0, 500));
    const second = encoder.encode('t', 3, rows(500, 500));
    // The first batch sends the three roles and 500 names; the second, the names alone.
    expect(first.strings).toBe(3 + 500);
    expect(second.strings).toBe(500);
    expect(second.text).not.toContain('subject');
    // The names were judged not worth looking up: none of them became a word.
    const third = encoder.encode('t', 3, rows(0, 500));
    expect(third.strings).toBe(500);
  });

  it('keeps each table’s columns apart', () => {
    const encoder = new ValueEncoder();
    const decoder = new ValueDecoder();
    const a = rows(0, 300);
    const b = ['x', 1, 'y', 2];
    const encodedA = encoder.encode('a', 3, a);
    const encodedB = encoder.encode('b', 2, b);
    expect(decoder.decode(encodedA)).toEqual(a);
    expect(decoder.decode(encodedB)).toEqual(b);
  });

  it('refuses values it cannot send, and notices a value containing its separator', () => {
    expect(() => new ValueEncoder().encode('t', 1, [{}])).toThrow(/cannot send a object/);
    const encoder = new ValueEncoder();
    const encoded = encoder.encode('t', 1, ['a\u0001b']);
    expect(() => new ValueDecoder().decode(encoded)).toThrow(/U\+0001/);
  });
});
