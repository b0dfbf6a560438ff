import type { Context } from 'hono';
import { accepts } from 'hono/accepts';
import { LRUCache } from 'lru-cache';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Answers built once and sent many times: the bytes of a public read, with their headers and
 * their compressed forms, each compressed once (on the thread pool, so the event loop keeps
 * answering) and kept while the snapshot they were read from is current. A request then costs
 * a cache look-up, an If-None-Match check and a content negotiation.
 */

export type Coding = 'br' | 'gzip' | 'identity';

/** Smaller bodies go out as they are: compressing them saves less than the headers cost. */
const MIN_COMPRESSED_BYTES = 1024;
/** Brotli's best quality is slow on large bodies; these are compressed at a quick level instead. */
const BEST_BROTLI_UP_TO_BYTES = 64 * 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

function compress(body: Buffer, coding: Exclude<Coding, 'identity'>): Promise<Buffer> {
  if (coding === 'gzip') return gzipped(body, { level: constants.Z_BEST_COMPRESSION });
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: body.length <= BEST_BROTLI_UP_TO_BYTES ? constants.BROTLI_MAX_QUALITY : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** A built answer: its bytes, its representation headers, and its compressed forms once asked for. */
export class Answer {
  private readonly ready = new Map<Coding, Buffer>();
  private readonly pending = new Map<Coding, Promise<Buffer>>();
  private readonly headerSets = new Map<Coding, Record<string, string>>();

  /**
   * `tag` is the entity tag without quotes; each coding gets its own (RFC 9110, 8.8.3).
   * `onCompress` hears of each compression (the service counts them).
   */
  constructor(
    readonly body: Buffer,
    readonly headers: Readonly<Record<string, string>>,
    readonly tag: string,
    private readonly onCompress?: (coding: Coding) => void,
  ) {
    this.ready.set('identity', body);
  }

  /** The body in `coding`, compressed at the first call only. */
  bytes(coding: Coding): Buffer | Promise<Buffer> {
    const done = this.ready.get(coding);
    if (done) return done;
    let work = this.pending.get(coding);
    if (!work) {
      this.onCompress?.(coding);
      work = compress(this.body, coding as Exclude<Coding, 'identity'>).then((bytes) => {
        this.ready.set(coding, bytes);
        this.pending.delete(coding);
        return bytes;
      });
      this.pending.set(coding, work);
    }
    return work;
  }

  etag(coding: Coding): string {
    return `"${this.tag}${coding === 'identity' ? '' : `.${coding}`}"`;
  }

  /** The headers of the answer in `coding`, made once. */
  headersFor(coding: Coding): Record<string, string> {
    let headers = this.headerSets.get(coding);
    if (!headers) {
      headers = { ...this.headers, etag: this.etag(coding), vary: 'accept-encoding', ...(coding === 'identity' ? {} : { 'content-encoding': coding }) };
      this.headerSets.set(coding, headers);
    }
    return headers;
  }
}

/** The highest-weighted coding the client accepts; on a tie, brotli, then gzip, then none. */
function bestCoding(accepted: readonly { type: string; q: number }[]): string {
  const weight = (coding: string) => accepted.find((a) => a.type.toLowerCase() === coding)?.q ?? accepted.find((a) => a.type === '*')?.q ?? 0;
  const candidates = (['br', 'gzip'] as const).filter((coding) => weight(coding) > 0);
  return candidates.reduce<string>((best, coding) => (best === 'identity' || weight(coding) > weight(best) ? coding : best), 'identity');
}

function negotiate(c: Context, answer: Answer): Coding {
  if (answer.body.length < MIN_COMPRESSED_BYTES) return 'identity';
  return accepts(c, { header: 'Accept-Encoding', supports: ['br', 'gzip'], default: 'identity', match: bestCoding }) as Coding;
}

/** Whether If-None-Match names this answer in any of its codings. */
function unchanged(c: Context, answer: Answer): boolean {
  const asked = c.req.header('if-none-match');
  if (!asked) return false;
  return asked.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${answer.tag}"` || tag.startsWith(`"${answer.tag}.`);
  });
}

/** Sends the answer (once built) in the coding the client prefers, or 304 when it already holds it. */
export function send(c: Context, built: Answer | Promise<Answer>): Response | Promise<Response> {
  if (built instanceof Promise) return built.then((answer) => send(c, answer));
  const answer = built;
  const coding = negotiate(c, answer);
  const headers = answer.headersFor(coding);
  if (unchanged(c, answer)) {
    const { 'content-encoding': _, ...notModified } = headers;
    return c.body(null, 304, notModified);
  }
  const bytes = answer.bytes(coding);
  if (bytes instanceof Uint8Array) return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
  return bytes.then((b) => c.body(b as Uint8Array<ArrayBuffer>, 200, headers));
}

/** Answers are kept up to this size each; a larger one is built for its request alone. */
const MAX_CACHED_BYTES = 8 * 1024 * 1024;
/** Uncompressed bytes all kept answers may hold together. */
const CACHE_BYTES = 64 * 1024 * 1024;
const CACHE_ENTRIES = 512;

/** Answers by key, for one snapshot: a new snapshot empties it; the least recently used go first. */
export class AnswerCache {
  private of: object | undefined;
  private readonly entries = new LRUCache<string, Answer>({
    max: CACHE_ENTRIES,
    maxSize: CACHE_BYTES,
    maxEntrySize: MAX_CACHED_BYTES,
    sizeCalculation: (answer) => Math.max(1, answer.body.length),
  });
  /** Answers being built, so that requests for one arriving meanwhile wait for it. */
  private building = new Map<string, Promise<Answer>>();

  /** `onCompress` hears of every compression of the answers this cache makes. */
  constructor(private readonly onCompress?: (coding: Coding) => void) {}

  /** A new answer. */
  answer(body: Buffer, headers: Readonly<Record<string, string>>, tag: string): Answer {
    return new Answer(body, headers, tag, this.onCompress);
  }

  /** The answer kept for the key, else the one being built, else `build`'s, kept once built. */
  obtain(snapshot: object, key: string, build: () => Answer | Promise<Answer>): Answer | Promise<Answer> {
    if (snapshot !== this.of) {
      this.of = snapshot;
      this.entries.clear();
      this.building = new Map();
    }
    const found = this.entries.get(key) ?? this.building.get(key);
    if (found) return found;
    const built = build();
    if (built instanceof Answer) {
      this.entries.set(key, built);
      return built;
    }
    const building = this.building;
    const pending = built.then((answer) => {
      if (building === this.building) this.entries.set(key, answer);
      return answer;
    });
    building.set(key, pending);
    // Kept or refused, it is no longer being built (a refusal is built again when asked again).
    void pending.then(
      () => building.delete(key),
      () => building.delete(key),
    );
    return pending;
  }
}
