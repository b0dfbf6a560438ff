import pidusage from 'pidusage';

/** Memory of a live process, in bytes. */
export interface ProcessMemory {
  /** Resident set size now. */
  rss: number;
  /** The largest resident set size seen since sampling began. */
  peakRss: number;
}

/** How often a server's memory is sampled while it runs: its peak is the largest sample. */
const SAMPLE_EVERY_MS = 100;

/** Watches a process's CPU time and memory, the peak by sampling, until `stop()`. */
export class ProcessWatch {
  private peakRss = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  private async sample(): Promise<{ rss: number; cpuSeconds: number }> {
    const stat = await pidusage(this.pid);
    this.peakRss = Math.max(this.peakRss, stat.memory);
    return { rss: stat.memory, cpuSeconds: stat.ctime / 1000 };
  }

  async memory(): Promise<ProcessMemory> {
    const { rss } = await this.sample();
    return { rss, peakRss: this.peakRss };
  }

  /** User plus system CPU time the process has used so far, in seconds. */
  async cpuSeconds(): Promise<number> {
    return (await this.sample()).cpuSeconds;
  }

  stop(): void {
    clearInterval(this.timer);
    pidusage.clear();
  }
}
