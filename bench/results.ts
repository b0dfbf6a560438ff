import type { BodyMix } from './bodies.js';
import type { FrontendResult } from './frontend.js';
import type { GrowthResult } from './growth.js';
import type { IngestResult } from './ingest.js';
import type { IngestProfile } from './ingest-profile.js';
import type { Machine } from './machine.js';
import type { PowResult } from './pow.js';
import type { ReadResult } from './read.js';
import type { RoundsResult } from './rounds.js';
import type { TargetCheck } from './targets.js';

/** Everything one `npm run bench` measured: the JSON file in bench/results/ holds exactly this. */
export interface BenchResults {
  schema: 1;
  machine: Machine;
  settings: {
    secondsPerRun: number;
    connections: number[];
    rateFractions: readonly number[];
    warmupRequests: number;
    bodyMix: BodyMix;
  };
  ingest: IngestResult;
  /** Saturation of the service and the baselines, interleaved over rounds: the ratios the targets judge. */
  rounds: RoundsResult;
  /** The service with proof of work on; absent when the build has none or --no-pow. */
  ingestWithPow?: PowResult;
  /** Taken when an ingest target was missed (or --profile always). */
  profile?: IngestProfile;
  /** The read path on a year of data: stats JSON and CSV alone and with ingest, start time, CSV sizes. */
  read?: ReadResult;
  /** Snapshot cost by days and municipalities, ingest with 212 vs 2,000 municipalities. */
  growth?: GrowthResult;
  frontend: FrontendResult;
  /** Scenarios this run could not measure, and why. */
  notMeasured: { scenario: string; reason: string }[];
  targets: TargetCheck[];
  durationSeconds: number;
}
