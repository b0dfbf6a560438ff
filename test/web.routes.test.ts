import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAreaPack } from '../aggregator/areas/index.js';
import type { AreasDocument } from '../server/areas.routes.js';
import { BUILT_FORM } from './support/browser.js';
import { TEST_OPERATOR } from './support/operator.js';
import { startTestService, type TestService } from './support/service.js';

/** The instance a page was served with, read back from its meta element as a browser would. */
function instanceOf(html: string): unknown {
  const content = /<meta name="instance" content="([^"]*)"/.exec(html)?.[1];
  if (content === undefined) return undefined;
  const text = content.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(text);
}

describe('the pages and the areas, served by the service', () => {
  let service: TestService;
  beforeAll(async () => {
    expect(existsSync(BUILT_FORM), 'dist/web is missing: run `npm run build` first').toBe(true);
    service = await startTestService();
  });
  afterAll(() => service.stop());

  it('serves / and /privacy as HTML that browsers revalidate', async () => {
    for (const path of ['/', '/privacy']) {
      const res = await fetch(`${service.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[\w-]+\.js"><\/script>/);
      // Nothing inline that a strict CSP would refuse, nothing from another origin.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|(?:src|href)=["']?(?:https?:)?\/\//);
    }
  });

  it('builds every page around the head they share: its language, the charset first, the viewport, no referrer, the icon', async () => {
    for (const path of ['/', '/privacy', '/dashboard']) {
      const html = await (await fetch(`${service.url}${path}`)).text();
      expect(html, path).toMatch(/^<!doctype html>\s*<html lang="sl">\s*<head>\s*<meta charset="utf-8" \/>/);
      const head = /<head>([\s\S]*)<\/head>\s*<body>/.exec(html)?.[1] ?? '';
      expect(head, path).toContain('<meta name="viewport" content="width=device-width, initial-scale=1" />');
      expect(head, path).toContain('<meta name="referrer" content="no-referrer" />');
      expect(head, path).toMatch(/<link rel="icon" href="\/assets\/favicon-[\w-]+\.svg" type="image\/svg\+xml" \/>/);
      expect(head, path).toMatch(/<title>[^<]+<\/title>/);
    }
  });

  it('tells every page about the instance in a meta element: here, a demonstration without an operator', async () => {
    for (const path of ['/', '/privacy', '/dashboard']) {
      const html = await (await fetch(`${service.url}${path}`)).text();
      expect(instanceOf(html), path).toEqual({ operator: null, collectionEnds: null, timeZone: 'Europe/Ljubljana', synthetic: false });
    }
  });

  it('gives the pages the operator’s identity as configured, escaped as an attribute value', async () => {
    const operated = await startTestService({ operator: TEST_OPERATOR, collectionEnds: new Date('2026-06-30T22:00:00Z') });
    try {
      const html = await (await fetch(`${operated.url}/`)).text();
      expect(instanceOf(html)).toEqual({ operator: TEST_OPERATOR, collectionEnds: '2026-06-30T22:00:00.000Z', timeZone: 'Europe/Ljubljana', synthetic: false });
      // The operator's quotes and ampersands stay inside the attribute.
      expect(html).not.toContain('"Oblak"');
      expect(html).not.toMatch(/& Co/);
    } finally {
      await operated.stop();
    }
  });

  it('serves hashed assets for a year, precompressed when the browser accepts it', async () => {
    const html = await (await fetch(`${service.url}/`)).text();
    const script = /src="(\/assets\/[\w-]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${service.url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('report-app');
  });

  it('answers 404 for a page or asset that does not exist, and 405 for other methods', async () => {
    expect((await fetch(`${service.url}/assets/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${service.url}/index.html.br`)).status).toBe(404);
    expect((await fetch(`${service.url}/assets/../index.html`)).status).not.toBe(500);
    expect((await fetch(`${service.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('GET /api/v1/areas lists the pack’s country, regions and municipalities with populations', async () => {
    const res = await fetch(`${service.url}/api/v1/areas`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as AreasDocument;
    const pack = loadAreaPack('si');
    const total = body.municipalities.reduce((s, m) => s + m.population, 0);
    expect(body.country).toEqual({ code: 'SI', name: pack.country.name, population: total });
    expect(body.municipalities).toHaveLength(pack.municipalities.length);
    expect(body.municipalities).toContainEqual({ code: 'SI-017', name: 'Črnomelj', region: 'SI037', population: 14308 });
    expect(body.regions).toHaveLength(12);
    for (const region of body.regions) {
      const sum = body.municipalities.filter((m) => m.region === region.code).reduce((s, m) => s + m.population, 0);
      expect(region.population, region.code).toBe(sum);
    }
    expect(body.regions.reduce((s, r) => s + r.population, 0)).toBe(total);
  });
});
