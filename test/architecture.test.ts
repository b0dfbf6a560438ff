import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** dependency-cruiser over the given folders of `cwd`, with the project's rules; its exit code and report. */
function cruise(cwd: string, folders: string[]): { status: number | null; report: string } {
  const run = spawnSync(DEPCRUISE, [...folders, '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: run.status, report: run.stdout + run.stderr };
}

describe('the layering (dependency-cruiser)', { timeout: 120_000 }, () => {
  it('holds in the project', () => {
    const { status, report } = cruise(ROOT, ['aggregator', 'server', 'web', 'bench', 'test']);
    expect(report).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  describe('catches each kind of violation in a project that breaks them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'symptoms-layers-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'server/app.ts': 'export const app = 1;\nexport type App = number;\n',
      'aggregator/impure.ts': "import { app } from '../server/app.js';\nexport const x = app;\n",
      'server/direct.ts': "import Database from 'better-sqlite3';\nexport const open = (path: string) => new Database(path);\n",
      'aggregator/store.ts': "import Database from 'better-sqlite3';\nexport const open = (path: string) => new Database(path);\n",
      'web/page.ts': "import { app } from '../server/app.js';\nexport const y = app;\n",
      'web/typed.ts': "import type { App } from '../server/app.js';\nexport const z: App = 1;\n",
      'aggregator/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'aggregator/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    };
    let status: number | null;
    let report: string;
    beforeAll(() => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      ({ status, report } = cruise(dir, ['aggregator', 'server', 'web']));
    });
    const escaped = (text: string) => text.replaceAll('.', '\\.');
    it.each([
      ['domain-is-pure', 'aggregator/impure.ts', 'server/app.ts'],
      ['one-door-to-the-database', 'server/direct.ts', 'node_modules/better-sqlite3/'],
      ['pages-share-types-only', 'web/page.ts', 'server/app.ts'],
      ['no-cycle', 'aggregator/a.ts', 'aggregator/b.ts'],
    ])('%s: %s → %s', (rule, from, to) => {
      expect(status).not.toBe(0);
      expect(report).toMatch(new RegExp(`error ${rule}: ${escaped(from)} →\\s+\\S*${escaped(to)}`));
    });

    it('and lets the store open SQLite and the pages take the server’s types', () => {
      expect(report).not.toContain('aggregator/store.ts →');
      expect(report).not.toContain('web/typed.ts');
    });
  });
});
