import { parseArgs } from 'node:util';

export interface Options {
  /** Seconds each measured run lasts (saturation and each rated run). */
  seconds: number;
  connections: number[];
  /** `always`, `never`, or `auto`: profile only when an ingest target is missed. */
  profile: 'always' | 'never' | 'auto';
  /** Run the proof-of-work scenario. */
  pow: boolean;
  /** Run the growth scenario. */
  growth: boolean;
  /** Run the read-path scenario (stats JSON and CSV on a year of data, CSV sizes). */
  read: boolean;
  /** Keep the temporary folder (databases, logs, profiles) for inspection. */
  keep: boolean;
}

const USAGE = `usage: node dist/bench/run.js [--seconds 4] [--connections 10,50,200] [--profile auto|always|never] [--no-pow] [--no-read] [--no-growth] [--keep]
  --seconds       length of each measured run (also BENCH_SECONDS); the whole run is about 65 × this, plus two minutes (the read path alone about one)
  --connections   connection counts for the ingest scenario (must include 50, where the targets are judged)
  --profile       take a CPU profile of the service: when an ingest target is missed (auto), always, never
  --no-pow        skip the proof-of-work scenario
  --no-read       skip the read-path scenario (stats JSON and CSV on a year of data, CSV sizes)
  --no-growth     skip the growth scenario (snapshots, 2,000 municipalities)
  --keep          keep the temporary folder (databases, logs, .cpuprofile) and print where it is`;

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '4' },
      connections: { type: 'string', default: '10,50,200' },
      profile: { type: 'string', default: 'auto' },
      'no-pow': { type: 'boolean', default: false },
      'no-read': { type: 'boolean', default: false },
      'no-growth': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const seconds = Number(values.seconds);
  const connections = values.connections.split(',').map(Number);
  const profile = values.profile;
  if (!(seconds > 0) || connections.some((c) => !Number.isInteger(c) || c < 1) || !['auto', 'always', 'never'].includes(profile)) {
    throw new Error(USAGE);
  }
  if (!connections.includes(50)) throw new Error('the targets are judged at 50 connections: keep 50 in --connections');
  return {
    seconds,
    connections,
    profile: profile as Options['profile'],
    pow: !values['no-pow'],
    growth: !values['no-growth'],
    read: !values['no-read'],
    keep: values.keep,
  };
}
