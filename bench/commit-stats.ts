/** What the service's group commit did over a run, from its Prometheus metrics (server/metrics.ts). */
export interface CommitStats {
  commits: number;
  reports: number;
  /** Time spent inside commit transactions, summed. */
  seconds: number;
  reportsPerCommit: number;
  msPerCommit: number;
}

export interface CommitCounters {
  commits: number;
  reports: number;
  seconds: number;
}

function sample(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/** The service's Prometheus metrics, from its admin listener. */
export async function serviceMetrics(adminUrl: string | undefined): Promise<string> {
  if (adminUrl === undefined) throw new Error('the service has no admin listener (ADMIN_PORT=off?): no /metrics to read');
  return (await fetch(`${adminUrl}/metrics`)).text();
}

/** Reads the group-commit histograms' sums and counts from `GET /metrics`. */
export async function commitCounters(adminUrl: string | undefined): Promise<CommitCounters> {
  const text = await serviceMetrics(adminUrl);
  return {
    commits: sample(text, 'group_commit_batch_reports_count'),
    reports: sample(text, 'group_commit_batch_reports_sum'),
    seconds: sample(text, 'group_commit_duration_seconds_sum'),
  };
}

export function commitStats(before: CommitCounters, after: CommitCounters): CommitStats {
  const commits = after.commits - before.commits;
  const reports = after.reports - before.reports;
  const seconds = after.seconds - before.seconds;
  return { commits, reports, seconds, reportsPerCommit: reports / commits, msPerCommit: (seconds * 1000) / commits };
}
