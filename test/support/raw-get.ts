// The bench's raw GET, shared: it sees the bytes as sent, compressed or not.
export { type RawAnswer, rawGet } from '../../bench/raw-get.js';

/** A sample of the service's Prometheus metrics, 0 when absent. */
export async function metricValue(adminUrl: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${adminUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
