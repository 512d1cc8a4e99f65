import { describe, expect, it } from 'vitest';
import { InputError, NotAcceptableError } from '../errors.ts';
import { negotiate } from './negotiate.ts';

const PAGE = ['text/html', 'application/ld+json'];

describe('content negotiation', () => {
  it('answers a browser with HTML and a linked-data client with JSON-LD', () => {
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';
    expect(negotiate(browser, PAGE)).toBe('text/html');
    expect(negotiate('application/ld+json', PAGE)).toBe('application/ld+json');
    expect(negotiate('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', PAGE)).toBe(
      'application/ld+json',
    );
    expect(negotiate('text/html;q=0.5, application/ld+json', PAGE)).toBe('application/ld+json');
  });

  it('takes the first offered type for no header, */* or a tie', () => {
    expect(negotiate(undefined, PAGE)).toBe('text/html');
    expect(negotiate('', PAGE)).toBe('text/html');
    expect(negotiate('*/*', PAGE)).toBe('text/html');
    expect(negotiate('application/*', PAGE)).toBe('application/ld+json');
  });

  it('honours q=0 as "not this one"', () => {
    expect(negotiate('text/html;q=0, */*', PAGE)).toBe('application/ld+json');
  });

  it('refuses what it cannot answer with, and a header it cannot read', () => {
    expect(() => negotiate('image/png', PAGE)).toThrow(NotAcceptableError);
    expect(() => negotiate('text/html;q=0', PAGE)).toThrow(NotAcceptableError);
    for (const bad of ['html', 'text/html;q=2', 'text/html;q=abc', '*/html', 'text/html;;', 'a b/c']) {
      expect(() => negotiate(bad, PAGE), bad).toThrow(InputError);
    }
  });
});
