/** One request of a run: a body and, if it needs them, its own headers. */
export interface LoadBody {
  body?: string;
  headers?: Record<string, string>;
}

/** What the bench asks the load process to do: one autocannon run against one URL. */
export interface LoadSpec {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  connections: number;
  /**
   * Without a rate: requests to send in all, as fast as the server answers. The run ends
   * when every one is answered, so none is left in flight.
   */
  amount?: number;
  /** Requests per second over all connections; needs `seconds`. */
  rate?: number;
  /** With a rate: how long the rate is held, after a first second in which groups start. */
  seconds?: number;
  /**
   * What to send, cycled per connection; absent: the load process's own valid reports
   * (bench/bodies.ts), or for GET one request without a body.
   */
  requests?: LoadBody[];
  /** Send each request of `requests` at most once (single-use proofs of work). */
  unique?: boolean;
  /** Seconds autocannon waits for an answer before it counts a timeout. */
  timeoutSeconds?: number;
}

export interface LatencySummary {
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  mean: number;
}

/** One run, as the load process measured it. Times in milliseconds, rates per second. */
export interface LoadResult {
  connections: number;
  targetRate: number | null;
  /** Autocannon instances started at even offsets across a second (see bench/load.ts). */
  groups: number;
  /** The measured window: the whole run, or for a rated run the part after every group started. */
  windowSeconds: number;
  /** Answers per second in the window. */
  requestsPerSecond: number;
  /** Answers in the window, which the latencies describe. */
  measured: number;
  sent: number;
  answered: number;
  /** Sent but never answered: cut by an error or a timeout. */
  unanswered: number;
  statusCounts: Record<string, number>;
  /** Bytes received in every answer, status line and headers included. */
  bytes: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: LatencySummary;
  /** CPU the load process used, in percent of one core: near 100 means the generator was the limit. */
  loadCpuPercent: number;
}

export interface LoadRequest {
  id: number;
  spec: LoadSpec;
}
export type LoadReply = { id: number; result: LoadResult } | { id: number; error: string };
