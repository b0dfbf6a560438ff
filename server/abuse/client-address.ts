import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { isIP } from 'node:net';

/**
 * The address a request came from: the socket's peer, or, when the operator says a proxy
 * on the same host sits in front (TRUST_PROXY), the last X-Forwarded-For hop, which is what
 * that proxy saw. Only the rate limiter reads it, only to hash it; it is never logged or stored.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  // Without a Node socket (app.request in a test) every request shares one subject.
  const peer = c.env?.incoming ? (getConnInfo(c).remote.address ?? '') : '';
  return trustProxy ? forwardedAddress(peer, c.req.header('x-forwarded-for')) : peer;
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./i.test(address);
}

/**
 * The last X-Forwarded-For hop, believed only from a loopback peer: a client that reaches
 * the service past the proxy cannot pick the address it is counted under.
 */
export function forwardedAddress(peer: string, forwarded: string | undefined): string {
  if (!forwarded || !isLoopback(peer)) return peer;
  const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
  return isIP(last) ? last : peer;
}

/**
 * What the rate limit counts: an IPv4 address, or the /64 network of an IPv6 address,
 * since one household or phone is usually given a whole /64 and could otherwise step
 * through addresses. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function rateLimitSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  const bare = address.split('%', 1)[0]!.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = bare.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  // An embedded IPv4 tail (…:1.2.3.4) fills two groups; only the first four groups matter.
  const right = tail === undefined ? [] : groups(tail).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const full = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${full.slice(0, 4).map((g: string) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
