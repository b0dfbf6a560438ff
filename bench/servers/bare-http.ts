import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWER, announceListening, portFromEnv, REPORTS_PATH } from './answer.js';

/**
 * Baseline: node:http alone, reading the body, parsing the JSON and answering 201. The
 * ceiling for any framework on this machine. Run as its own process by the bench.
 */
const answer = Buffer.from(ANSWER);

const server = createServer(function bareReport(req, res) {
  if (req.method !== 'POST' || req.url !== REPORTS_PATH) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/problem+json' }).end('{"status":400}');
      return;
    }
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
  });
});

server.listen(portFromEnv(), '127.0.0.1', () => announceListening((server.address() as AddressInfo).port));

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
