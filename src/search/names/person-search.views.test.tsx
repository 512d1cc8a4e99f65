import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import type { SearchResult } from './person-search.service.ts';
import { PersonIndexView } from './person-search.views.tsx';

const PAGE = 50;

function result(total: number, totalIsLowerBound: boolean, shown: number): SearchResult {
  return {
    total,
    totalIsLowerBound,
    results: Array.from({ length: shown }, (_, i) => ({
      id: i + 1,
      name: `Anna Neumann ${i}`,
      sortName: `Neumann, Anna ${i}`,
      fate: null,
      life: {
        born: i === 0 ? '1910-11-12' : null,
        died: i === 0 ? '1943' : null,
        birthPlace: i === 0 ? 'Breslau' : null,
      },
      matched: null,
    })),
    facets: { fate: [], role: [], sex: [], event: [] },
    facetBase: Math.min(total, 300),
  };
}

const render = async (r: SearchResult, page: number) =>
  String(
    await (
      <PersonIndexView lang="en" t={en} title="Persons" query={{ q: 'Neumann', page }} result={r} pageSize={PAGE} />
    ).toString(),
  );

describe('the persons index page', () => {
  it('links past the counted pages when the total is a lower bound and the page is full', async () => {
    // 100 counted, more uncounted (sound-alikes): page 2 is full, so a third may follow.
    expect(await render(result(100, true, PAGE), 2)).toContain('rel="next"');
    expect(await render(result(100, false, PAGE), 2)).not.toContain('rel="next"');
    expect(await render(result(100, true, 10), 3)).not.toContain('rel="next"');
    expect(await render(result(100, true, PAGE), 1)).toContain('Page 1 of 2');
  });

  it('tells namesakes apart by life dates and birth place, and puts the results before the filters', async () => {
    const html = await render(result(2, false, 2), 1);
    expect(html).toContain('(b. 12 November 1910, Breslau; d. 1943)');
    expect(html.indexOf('class="person-index"')).toBeLessThan(html.indexOf('class="filters"'));
    expect(html.indexOf('class="search-bar"')).toBeLessThan(html.indexOf('class="person-index"'));
  });
});
