import type { HubBenchOptions } from './run-hub-bench';
import type { PagePhases, PageVariant } from './measure-page';

export const INTERVAL_MS = 5000;

export interface BrowserScenario {
  sessions: number;
  /** Heartbeats per second in total, periodic and transitions. */
  messagesPerSecond: number;
  variants: readonly PageVariant[];
  /** Per variant, when it differs from the plan's `phases.steadyMs`. */
  steadyMs?: Partial<Record<PageVariant, number>>;
  /** Per variant, when it differs from the plan's `phases.warmUpMs`. */
  warmUpMs?: Partial<Record<PageVariant, number>>;
}

/** Many tabs of the list page in one browser, against one server (see measure-tabs.ts). */
export interface TabsScenario {
  sessions: number;
  messagesPerSecond: number;
  tabs: number;
  warmUpMs: number;
  steadyMs: number;
}

/** The layers under the list, each alone (see measure-layers.ts). */
export interface LayersScenario {
  sessions: number;
  messagesPerSecond: number;
  warmUpMs: number;
  steadyMs: number;
  /**
   * The list again against a fleet so small that the client has next to
   * nothing to do, while about as many rows change in view as at the
   * target: what rendering them costs on its own (the `floor` layer).
   */
  floor?: { sessions: number; messagesPerSecond: number };
}

export interface BenchPlan {
  mode: 'quick' | 'full';
  scenarios: readonly BrowserScenario[];
  /** Where the list's main thread goes, layer by layer (full run only). */
  layers?: LayersScenario;
  /** The "10 tabs" scenario (full run only: the quick run stays a smoke run). */
  tabs?: TabsScenario;
  phases: PagePhases;
  hub: HubBenchOptions;
  /** The scenario the browser targets are held against. */
  targetScenario: { sessions: number; messagesPerSecond: number };
  /** Fleet sizes the first load is measured at on its own (periodic beats only). */
  snapshotSizes: readonly number[];
}

const BOTH: readonly PageVariant[] = ['list', 'naive'];

/** What `pnpm bench` runs: by hand, a few minutes. */
export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  scenarios: [
    { sessions: 1000, messagesPerSecond: 2000, variants: BOTH },
    { sessions: 1000, messagesPerSecond: 5000, variants: BOTH },
    { sessions: 10_000, messagesPerSecond: 2000, variants: BOTH },
    // The target scenario: "0 long tasks in 60 s of steady state"; and a steady
    // state where every session's history has reached its 50 stretches (one
    // transition per session every 2 s: 100 s), so the heap is at its plateau.
    {
      sessions: 10_000,
      messagesPerSecond: 5000,
      variants: BOTH,
      warmUpMs: { list: 60_000 },
      steadyMs: { list: 60_000 },
    },
  ],
  phases: {
    warmUpMs: 5000,
    steadyMs: 30_000,
    scrollMs: 10_000,
    scrollPxPerFrame: 5,
    loadTimeoutMs: 120_000,
    snapshotRuns: 3,
  },
  // A load that ten tabs, each rendering (Playwright keeps every tab
  // visible), do not push past two cores: once the machine saturates,
  // "total CPU ÷ one tab" is capped by it and says nothing.
  tabs: { sessions: 1000, messagesPerSecond: 1000, tabs: 10, warmUpMs: 5000, steadyMs: 20_000 },
  // At the target scenario: what of its main-thread budget each layer takes.
  // The floor: 40 sessions (a Control UI's size) at 16 transitions/s, whose
  // rows in view change about as often as the target's (≈ 15 updated and
  // ≈ 21 re-ordered a second, ≈ 12 DOM commits; 2026-12-06).
  layers: {
    sessions: 10_000,
    messagesPerSecond: 5000,
    warmUpMs: 15_000,
    steadyMs: 20_000,
    floor: { sessions: 40, messagesPerSecond: 20 },
  },
  hub: { sessions: 10_000, rate: 5000, clients: 50, seconds: 20, intervalMs: INTERVAL_MS },
  targetScenario: { sessions: 10_000, messagesPerSecond: 5000 },
  // 40, a Control UI's fleet: what the first load costs when the snapshot is
  // next to nothing (the page's own first render).
  snapshotSizes: [40, 1000, 10_000, 50_000],
};

/** What `pnpm bench --quick` (and CI) runs: the same figures, in well under a minute. */
export const QUICK_PLAN: BenchPlan = {
  mode: 'quick',
  scenarios: [{ sessions: 1000, messagesPerSecond: 2000, variants: BOTH }],
  phases: {
    warmUpMs: 1000,
    steadyMs: 5000,
    scrollMs: 2500,
    scrollPxPerFrame: 5,
    loadTimeoutMs: 30_000,
    snapshotRuns: 1,
  },
  hub: { sessions: 10_000, rate: 5000, clients: 50, seconds: 3, intervalMs: INTERVAL_MS },
  targetScenario: { sessions: 1000, messagesPerSecond: 2000 },
  snapshotSizes: [],
};
