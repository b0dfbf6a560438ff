import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAGES, pageWeight } from '../bench/frontend.js';

const WEB_ROOT = fileURLToPath(new URL('../dist/web/', import.meta.url));

describe('what each page costs a visitor, as the benchmark weighs it', () => {
  for (const page of PAGES) {
    it(`${page.name}: its JS and CSS, gzipped, stay under ${page.targetBytes / 1000} kB`, () => {
      expect(existsSync(WEB_ROOT), 'dist/web is missing: run `npm run build` first').toBe(true);
      const weight = pageWeight(WEB_ROOT, page);
      expect(weight.present).toBe(true);
      expect(weight.assets.length).toBeGreaterThan(0);
      expect(weight.totalGzipBytes, weight.assets.map((a) => `${a.path} ${a.gzipBytes}`).join(', ')).toBeLessThan(page.targetBytes);
    });
  }
});
