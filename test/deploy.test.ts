import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envSchema, parseConfig } from '../server/config.js';
import { MAIN } from './support/process.js';

/**
 * The systemd unit and its example environment in deploy/, as dpia/operator.md installs them:
 * the hardening directives are there, the environment is one the service accepts, and the
 * two agree (database in the state directory, stop timeouts). `systemd-analyze verify` runs
 * where systemd is installed.
 */

const UNIT_NAME = 'symptom-self-report.service';
const readDeploy = (name: string) => readFileSync(new URL(`../deploy/${name}`, import.meta.url), 'utf8');
const unitText = readDeploy(UNIT_NAME);
const envText = readDeploy('symptom-self-report.env');

/** Directives by section, each with every value it is given, in order (systemd's format: no continuations here). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const directive = /^([A-Za-z]+)=(.*)$/.exec(line);
    expect(directive, `not a directive: ${line}`).not.toBeNull();
    expect(current, `directive outside a section: ${line}`).toBeDefined();
    const [, key, value] = directive!;
    current!.set(key!, [...(current!.get(key!) ?? []), value!]);
  }
  return sections;
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    expect(match, `not VARIABLE=value: ${line}`).not.toBeNull();
    env[match![1]!] = match![2]!;
  }
  return env;
}

const unit = parseUnit(unitText);
const service = unit.get('Service') ?? new Map<string, string[]>();
const one = (key: string) => {
  const values = service.get(key);
  expect(values, `[Service] ${key}=`).toBeDefined();
  return values!.at(-1)!;
};
const env = parseEnv(envText);

/** The settings the unit must hold, as a unit file writes them. */
const HARDENING = [
  ...parseUnit(`[Service]
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
PrivateUsers=yes
ProtectClock=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
SystemCallErrorNumber=EPERM
CapabilityBoundingSet=
AmbientCapabilities=
StateDirectoryMode=0700
UMask=0077
LimitCORE=0
KillSignal=SIGTERM
`).get('Service')!,
].map(([key, values]) => [key, values[0]!] as const);

describe(`deploy/${UNIT_NAME}`, () => {
  it.each(HARDENING)('sets %s=%s', (key, value) => {
    expect(one(key)).toBe(value);
  });

  it('allows the system calls of an ordinary service, without the privileged ones', () => {
    expect(service.get('SystemCallFilter')).toEqual(['@system-service', '~@privileged @resources']);
  });

  it('allows only Internet and local sockets, and only loopback peers', () => {
    expect(one('RestrictAddressFamilies').split(/\s+/).sort()).toEqual(['AF_INET', 'AF_INET6', 'AF_UNIX']);
    expect(one('IPAddressDeny')).toBe('any');
    expect(one('IPAddressAllow')).toBe('localhost');
  });

  it('runs under its dynamic user alone, and lets JIT-compiled code run', () => {
    for (const key of ['User', 'Group', 'ReadWritePaths', 'MemoryDenyWriteExecute']) expect(service.has(key), key).toBe(false);
  });

  it('starts the built service, after the clock is synchronised', () => {
    // The very file the process tests start, as `npm start` does.
    const built = relative(fileURLToPath(new URL('..', import.meta.url)), MAIN);
    expect(one('ExecStart')).toBe(`/usr/bin/node /opt/symptom-self-report/${built}`);
    expect(one('WorkingDirectory')).toBe('/opt/symptom-self-report');
    expect(unit.get('Unit')?.get('After')?.join(' ')).toMatch(/\btime-sync\.target\b/);
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('keeps the database in its state directory', () => {
    const state = one('StateDirectory');
    expect(state).toBe('symptom-self-report');
    expect(posix.dirname(env.DATABASE_PATH!)).toBe(`/var/lib/${state}`);
  });

  it('gives a stop more time than the service takes to drain', () => {
    const timeoutStop = Number(/^(\d+)s?$/.exec(one('TimeoutStopSec'))![1]);
    expect(timeoutStop).toBeGreaterThan(Number(env.SHUTDOWN_TIMEOUT_S));
  });

  it('passes systemd-analyze verify, where systemd is installed', ({ skip }) => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) skip('systemd-analyze is not installed');
    // As installed, but with this machine's node, which verify checks is executable.
    const dir = mkdtempSync(join(tmpdir(), 'unit-'));
    try {
      const path = join(dir, UNIT_NAME);
      writeFileSync(path, unitText.replace(/^ExecStart=\S+/m, `ExecStart=${process.execPath}`));
      const result = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      // Unknown or misspelt directives are only warned about: none may be.
      expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/symptom-self-report.env', () => {
  it('sets only variables the service reads, each once', () => {
    const names = envText.split('\n').filter((l) => /^[A-Z]/.test(l)).map((l) => l.split('=')[0]!);
    const known = new Set(Object.keys(envSchema.shape));
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(names.length).toBe(new Set(names).size);
  });

  it('is a configuration the service accepts, on loopback, with the abuse guards on', () => {
    // The example operator file stands in for the controller's own.
    const config = parseConfig({ ...env, OPERATOR_FILE: 'deploy/operator.example.json' });
    expect(config.operator).not.toBeNull();
    expect(config).toMatchObject({ host: '127.0.0.1', adminHost: '127.0.0.1', trustProxy: true, logLevel: 'info', synchronous: 'FULL' });
    expect(config.powMaxNumber).toBeGreaterThan(0);
    expect(config.rateLimitWindowMs).toBe(600_000);
  });
});
