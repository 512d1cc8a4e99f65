import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, serveTestArchive, type TestArchive } from '../support/app.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { vnuErrors } from '../support/vnu.ts';

describe('the public site in Chromium', () => {
  let archive: TestArchive;
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let paths: Record<string, string>;

  beforeAll(async () => {
    archive = await openTestArchive();
    server = await serveTestArchive(archive);
    browser = await launchBrowser();
    page = await browser.newPage();
    const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    const event = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
    const place = await idOf(archive.storage, 'places', 'brest');
    const list = await archive.storage.db
      .selectFrom('sources')
      .select('id')
      .where('kind', '=', 'list')
      .executeTakeFirstOrThrow();
    paths = {
      home: '/en/',
      'home-de': '/de/',
      persons: '/en/persons',
      person: `/en/persons/${person}`,
      'person-de': `/de/persons/${person}`,
      // A citation style whose output carries its own markup (small capitals).
      'person-cite-din': `/de/persons/${person}?cite=din`,
      event: `/en/events/${event}`,
      source: `/en/sources/${list.id}`,
      search: '/en/persons?q=buber',
      texts: '/en/search?q=Ravensbr%C3%BCck',
      place: `/en/places/${place}`,
      map: '/en/map',
      'map-search': '/en/map?event=handover&from=1940&to=1940',
      'map-ru': '/ru/map?show=death',
      chronology: '/en/chronology',
      'chronology-month': '/de/chronology?year=1940&month=2',
      statistics: '/en/statistics',
      'statistics-ru': '/ru/statistics?fate=handed_to_gestapo',
    };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await archive?.close();
  });

  it('searches Buber, opens her page, shows Ravensbrück and the corrected Ravensburg, and follows a citation', async () => {
    await page.goto(`${server.url}/en/`);
    await page.fill('#home-q', 'Buber');
    await page.press('#home-q', 'Enter');
    await page.waitForURL(/\/en\/persons\?q=Buber/);
    await page.getByRole('link', { name: 'Buber-Neumann, Margarete' }).click();
    await page.waitForURL(/\/en\/persons\/\d+$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Margarete Buber-Neumann');

    const ravensbrueck = page.locator('.timeline').getByText('Ravensbrück', { exact: false }).first();
    await expect(ravensbrueck.isVisible()).resolves.toBe(true);
    const deprecated = page.locator('.variant', { hasText: 'Ravensburg' });
    await expect(deprecated.count()).resolves.toBeGreaterThan(0);
    await expect(deprecated.first().locator('.rank-deprecated').textContent()).resolves.toBe('error in source');
    await expect(deprecated.first().locator('.correction').textContent()).resolves.toMatch(/Ravensbrück/);

    const cite = page.locator('.timeline a.cite').first();
    const href = await cite.getAttribute('href');
    await cite.click();
    await page.waitForURL((url) => url.pathname === href?.split('#')[0]);
    await expect(page.locator('.record.source h1').isVisible()).resolves.toBe(true);
  });

  it('suggests names while typing and narrows results with a facet', async () => {
    await page.goto(`${server.url}/en/persons`);
    await page.locator('#q').pressSequentially('Фабиш', { delay: 30 });
    const option = page.getByRole('option', { name: /Fabisch, Ernst/ });
    await option.waitFor();
    await expect(page.locator('#q').getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/persons\/\d+$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ernst Fabisch');

    await page.goto(`${server.url}/en/persons?q=Neumann`);
    await expect(page.locator('.person-index li').count()).resolves.toBe(2);
    await page.locator('.facets').getByRole('link', { name: 'handed over to the Gestapo' }).click();
    await page.waitForURL(/fate=handed_to_gestapo/);
    await expect(page.locator('.person-index li').allTextContents()).resolves.toEqual([
      expect.stringContaining('Buber-Neumann, Margarete'),
    ]);
  });

  it('asks no other host for anything on any page type', async () => {
    const host = new URL(server.url).host;
    /** Every request a page makes to another host while it loads and settles. */
    const foreignRequests = async (load: (tab: Page) => Promise<unknown>) => {
      const tab = await browser.newPage();
      const foreign: string[] = [];
      tab.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol !== 'data:' && url.host !== host) foreign.push(request.url());
      });
      await load(tab);
      await tab.close();
      return foreign;
    };
    // The watch itself sees a request elsewhere (this one fails at once: the name cannot resolve).
    const probe = await foreignRequests(async (tab) => {
      await tab.goto(`${server.url}/en/about`);
      await tab.evaluate(() => fetch('http://fonts.example.invalid/x.woff2').catch(() => null));
    });
    expect(probe).toEqual(['http://fonts.example.invalid/x.woff2']);
    for (const [name, path] of Object.entries(paths)) {
      expect(await foreignRequests((tab) => tab.goto(server.url + path, { waitUntil: 'networkidle' })), name).toEqual(
        [],
      );
    }
  });

  it('draws maps that zoom and open a popup with the places of a mark, and work without a script', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}${paths['map-search']}`);
    const svg = page.locator('#search-map svg');
    const before = await svg.getAttribute('viewBox');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await svg.getAttribute('viewBox')).not.toBe(before);
    await page.getByRole('button', { name: 'Whole map' }).click();
    expect(await svg.getAttribute('viewBox')).toBe(before);
    await page.locator('#search-map .mark circle').first().click();
    await expect(page.locator('.map-popup').textContent()).resolves.toMatch(/Brest/);
    await page.keyboard.press('Escape');
    await expect(page.locator('.map-popup').count()).resolves.toBe(0);

    // At a phone's width the names beside the marks keep inside the map (shortened if need be).
    await page.setViewportSize({ width: 390, height: 844 });
    const camp = await idOf(archive.storage, 'places', 'auschwitz-camp');
    for (const path of [paths['map-search'], paths.person, `/en/places/${camp}`]) {
      await page.goto(`${server.url}${path}`);
      const outside = await page.$$eval('figure.map', (figures) =>
        figures.flatMap((figure) => {
          const map = figure.querySelector('svg.map-svg')?.getBoundingClientRect();
          return [...figure.querySelectorAll('.mark-name')]
            .map((n) => ({ text: n.textContent, box: n.getBoundingClientRect() }))
            .filter(({ box }) => map && (box.left < map.left - 1 || box.right > map.right + 1))
            .map(({ text }) => text);
        }),
      );
      expect(outside, path).toEqual([]);
    }

    const plain = await browser.newPage({ javaScriptEnabled: false });
    await plain.goto(`${server.url}${paths.person}`);
    await expect(plain.locator('#itinerary-map svg .mark').count()).resolves.toBeGreaterThan(3);
    await expect(plain.locator('.itinerary li').first().textContent()).resolves.toMatch(/1938/);
    await plain.close();
  });

  it('has no axe (WCAG 2.1 AA) violations on the main page types, at desktop and phone width', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of Object.entries(paths)) {
        await page.goto(server.url + path);
        const violations = await axeViolations(page);
        expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
    }
  });

  it('serves valid HTML5 (vnu) on the main page types', async () => {
    const pages: Record<string, string> = {};
    for (const [name, path] of Object.entries(paths)) pages[name] = (await archive.get(path)).text;
    pages['not-found'] = (await archive.get('/en/persons/999999')).text;
    const errors = await vnuErrors(pages);
    expect(errors.map((e) => `${e.url.split('/').pop()}:${e.lastLine}: ${e.message}`)).toEqual([]);
  });
});
