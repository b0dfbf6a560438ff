import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

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
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/**
 * The last X-Forwarded-For hop, believed only from a loopback peer: a client that reaches
 * the service past the proxy cannot pick the address it is counted under.
 */
export function forwardedAddress(peer: string, forwarded: string | undefined): string {
  if (!forwarded || !isLoopback(peer)) return peer;
  const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
  return ipaddr.isValid(last) ? last : peer;
}

/**
 * What the rate limit counts: an IPv4 address, or the /64 network of an IPv6 address,
 * since one household or phone is usually given a whole /64 and could otherwise step
 * through addresses. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function rateLimitSubject(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const network = new ipaddr.IPv6([...(ip as ipaddr.IPv6).parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toString()}/64`;
}
