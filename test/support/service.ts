import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Config, parseConfig } from '../../server/config.js';
import { type RunningService, startService } from '../../server/service.js';
import { solvedPayload } from './altcha.js';

/** Sent as the user agent by every test request, so the log check can look for it. */
export const TEST_USER_AGENT = `privacy-probe/${process.pid}-${Math.random().toString(36).slice(2)}`;

/** Keys a log line may carry (I2): no address, no agent, no content. */
const LOG_KEYS = new Set(['level', 'time', 'msg', 'method', 'route', 'status', 'ms', 'port', 'areaPack', 'signal', 'reports', 'error']);

export interface TestService extends RunningService {
  dir: string;
  databasePath: string;
  /** Every line the service logged. */
  logs: string[];
  config: Config;
  /** Sends a report; when proof of work is on and no X-Altcha header is given, solves a challenge first. */
  post(body: unknown, init?: { headers?: Record<string, string> }): Promise<Response>;
  /** Closes the service, checks every log line against I2, removes the temporary folder. */
  stop(): Promise<void>;
}

/**
 * Asserts that log lines hold only the allowed keys and none of the given strings
 * (client address, user agent, answer values).
 */
export function expectPrivateLogs(lines: readonly string[], forbidden: readonly string[] = []): void {
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    for (const key of Object.keys(entry)) expect(LOG_KEYS, `log key "${key}" in ${line}`).toContain(key);
    for (const text of [TEST_USER_AGENT, '127.0.0.1', '::1', ...forbidden]) {
      expect(line, `log line leaks "${text}"`).not.toContain(text);
    }
  }
}

/** Proof of work as the service does it, at a difficulty a test solves in a millisecond. */
export const TEST_POW: Partial<Config> = { powMaxNumber: 20, powCost: 1 };

/**
 * The configuration a test service runs with: defaults, free loopback ports (public and
 * admin), a temp database, and the abuse guards (proof of work, rate limit) off, since every test request
 * comes from 127.0.0.1; the tests of those guards turn them on (TEST_POW).
 */
export function testConfig(dir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...parseConfig({}),
    port: 0,
    host: '127.0.0.1',
    databasePath: join(dir, 'reports.db'),
    // Every request line is written, so the log check sees all of them.
    logLevel: 'debug',
    powMaxNumber: 0,
    rateLimitWindowMs: 0,
    adminPort: 0,
    ...overrides,
  };
}

/** Starts the real service on 127.0.0.1 with a real SQLite file in a fresh temporary folder. */
export async function startTestService(
  overrides: Partial<Config> = {},
  options: { forbiddenInLogs?: readonly string[]; now?: () => number; webRoot?: string } = {},
): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'symptoms-test-'));
  const config = testConfig(dir, overrides);
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(line);
      done();
    },
  });
  const service = await startService({
    config,
    logDestination,
    ...(options.now ? { now: options.now } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  return {
    ...service,
    dir,
    databasePath: config.databasePath,
    logs,
    config,
    async post(body, init = {}) {
      const given = Object.keys(init.headers ?? {}).some((name) => name.toLowerCase() === 'x-altcha');
      const pow: Record<string, string> = config.powMaxNumber > 0 && !given ? { 'x-altcha': await solvedPayload(service.url) } : {};
      return fetch(`${service.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': TEST_USER_AGENT, ...pow, ...init.headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async stop() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
      expectPrivateLogs(logs, options.forbiddenInLogs);
    },
  };
}

/**
 * One service for the tests of a `describe`: started before them, stopped (its logs checked)
 * after. Call it in the `describe`; the function gives the service.
 */
export function sharedService(
  overrides: Partial<Config> = {},
  options: Parameters<typeof startTestService>[1] = {},
): () => TestService {
  let service: TestService | undefined;
  beforeAll(async () => {
    service = await startTestService(overrides, options);
  });
  afterAll(() => service?.stop());
  return () => service!;
}
