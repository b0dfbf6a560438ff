import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../server/project-root.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  kernel: string;
  node: string;
  /** 1-minute load average when the run started: above ~0.5 on a quiet machine means noise. */
  loadAverageAtStart: number;
  date: string;
  commit: string;
  /** Files changed since the commit, which the numbers include. */
  uncommittedChanges: number;
  packages: Record<string, string>;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: projectRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

const MEASURED_PACKAGES = ['hono', '@hono/node-server', 'better-sqlite3', 'zod', 'pino', 'autocannon'];

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return manifest.version;
  } catch {
    return 'absent';
  }
}

export function describeMachine(): Machine {
  const status = git(['status', '--porcelain']);
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    kernel: release(),
    node: process.version,
    loadAverageAtStart: loadavg()[0]!,
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommittedChanges: status ? status.split('\n').length : 0,
    packages: Object.fromEntries(MEASURED_PACKAGES.map((name) => [name, installedVersion(name)])),
  };
}
