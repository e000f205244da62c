import type { BundleMeasurement } from './measure-bundle';
import type { PageMeasurement } from './measure-page';
import type { LayersMeasurement } from './measure-layers';
import type { TabsMeasurement } from './measure-tabs';
import type { HubMeasurement } from './run-hub-bench';
import type { LoadAverage, MachineInfo } from './describe-machine';
import type { TargetCheck } from './check-targets';
import type { SnapshotSizeResult } from './measure-snapshot-sizes';

export interface ScenarioResult {
  sessions: number;
  /** Heartbeats per second in total, as planned. */
  messagesPerSecond: number;
  /** The load scenario's `--rate` for that total (see load-rate.ts). */
  rate: number;
  list?: PageMeasurement;
  naive?: PageMeasurement;
  /** Naive main-thread ms/s ÷ the list's, in the steady state. */
  mainThreadRatio?: number;
}

/** What `bench/results/latest.json` holds. */
export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  loadAverage: LoadAverage;
  scenarios: ScenarioResult[];
  tabs?: TabsMeasurement;
  layers?: LayersMeasurement;
  hub?: HubMeasurement;
  bundle?: BundleMeasurement;
  /** The first load at each of `plan.snapshotSizes`. */
  snapshotSizes?: SnapshotSizeResult[];
  targets: TargetCheck[];
  /** Why a figure could not be measured; the run fails when this is not empty. */
  problems: string[];
}
