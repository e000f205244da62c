import type { BundleMeasurement } from './measure-bundle';
import type { PageMeasurement } from './measure-page';
import type { HubMeasurement } from './run-hub-bench';
import type { ScenarioResult } from './bench-results';
import type { TabsMeasurement } from './measure-tabs';

/** One figure next to the target we hold ourselves to. */
export interface TargetCheck {
  figure: string;
  value: number;
  unit: string;
  comparator: '≤' | '≥';
  limit: number;
  met: boolean;
  /** What the figure was measured on, or what else it needs. */
  note?: string;
}

const MiB = 1024 * 1024;

function check(
  figure: string,
  value: number | undefined,
  unit: string,
  comparator: '≤' | '≥',
  limit: number,
  note?: string,
): TargetCheck {
  const measured = value ?? Number.NaN;
  const met = comparator === '≤' ? measured <= limit : measured >= limit;
  return { figure, value: measured, unit, comparator, limit, met, ...(note ? { note } : {}) };
}

/**
 * The p95 of each kind of sample next to the target's: rows updated in place,
 * and rows entering the DOM with news (the paced order's bursts).
 */
function withSplit(on: string, list: PageMeasurement | undefined): string {
  const latency = list?.steady.latency;
  if (latency?.inPlace === undefined || latency.entered === undefined) return on;
  const { inPlace, entered } = latency;
  return `${on}; rows updated in place p95 ${inPlace.p95.toFixed(1)} ms (${inPlace.samples} samples), rows entering with news p95 ${entered.p95.toFixed(1)} ms (${entered.samples})`;
}

/**
 * The targets (set for 10,000 sessions at 5,000 heartbeats/s), against
 * `scenario`: issue 16's table ("Fast at fleet scale") where it set one.
 */
export function checkTargets(
  scenario: ScenarioResult | undefined,
  hub: HubMeasurement | undefined,
  bundle: BundleMeasurement | undefined,
): TargetCheck[] {
  const list = scenario?.list;
  const on =
    scenario === undefined ? '' : `${scenario.sessions} sessions, ${scenario.messagesPerSecond}/s`;
  const steadySeconds = list?.steady.seconds.toFixed(0) ?? '?';
  return [
    // One frame at 60 Hz.
    check('arrival → DOM p95', list?.steady.latency.p95, 'ms', '≤', 16.7, withSplit(on, list)),
    check(
      'main thread, steady state',
      list?.steady.mainThread.busyMsPerSecond,
      'ms/s',
      '≤',
      50,
      on,
    ),
    check(
      'long tasks in the steady state',
      list?.steady.longTasks.count,
      '',
      '≤',
      0,
      `${on}, in ${steadySeconds} s`,
    ),
    check('frames per second while scrolling', list?.scroll.fps, 'fps', '≥', 58, on),
    check(
      'JS heap after GC',
      (list?.memory.jsHeapUsedBytes ?? Number.NaN) / MiB,
      'MB',
      '≤',
      30,
      on,
    ),
    check('DOM nodes', list?.memory.domNodes, '', '≤', 2000, on),
    check('snapshot → first paint', list?.snapshot.toFirstPaintMs, 'ms', '≤', 100, on),
    check('longest task from snapshot to paint', list?.snapshot.longestTaskMs, 'ms', '≤', 50, on),
    check(
      'longest task until the whole snapshot is applied',
      list?.snapshot.longestTaskToCompleteMs,
      'ms',
      '≤',
      50,
      list === undefined
        ? on
        : `${on}; all applied ${list.snapshot.toCompleteMs.toFixed(0)} ms after arrival`,
    ),
    check('main thread: naive ÷ list', scenario?.mainThreadRatio, '×', '≥', 20, on),
    {
      ...check(
        'hub deliveries on one core',
        hub?.deliveriesPerSecond,
        '/s',
        '≥',
        200_000,
        hub === undefined
          ? ''
          : `${hub.options.sessions} sessions, ${hub.options.clients} clients; server CPU ${hub.serverCpuPercent.toFixed(0)} %`,
      ),
      // "On one core": the server process must not need more than one.
      met: hub !== undefined && hub.deliveriesPerSecond >= 200_000 && hub.serverCpuPercent <= 100,
    },
    check(
      'GET /metrics server CPU time, slowest scrape',
      hub?.scrape.serverMsMax,
      'ms',
      '≤',
      20,
      hub === undefined
        ? ''
        : `${hub.options.sessions} sessions under the hub's load; ${hub.scrape.count} scrapes, p50 ${hub.scrape.serverMsP50.toFixed(1)} ms, wall max ${hub.scrape.wallMsMax.toFixed(1)} ms`,
    ),
    check(
      'core + react + ui, gzip',
      bundle === undefined ? undefined : bundle.wholeApi.gzipBytes / 1000,
      'kB',
      '≤',
      40,
      bundle === undefined
        ? ''
        : `every export, dependencies included; our own code alone ${(bundle.wholeApiOwnCode.gzipBytes / 1000).toFixed(1)} kB`,
    ),
    check(
      'element bundle, gzip',
      bundle?.element === undefined ? undefined : bundle.element.gzipBytes / 1000,
      'kB',
      '≤',
      60,
      bundle?.element === undefined
        ? ''
        : `Preact inside as React, the libraries and the stylesheet; our own code and stylesheet alone ${(bundle.element.ownCodeGzipBytes / 1000).toFixed(1)} kB`,
    ),
  ];
}

/**
 * The "10 tabs" targets: one connection for every tab, and total CPU ≤ 1.5 ×
 * one tab, both in a person's browser (one tab in front, the others behind
 * it). The run with every tab visible stays in the report as the worst case.
 */
export function checkTabsTargets(tabs: TabsMeasurement | undefined): TargetCheck[] {
  if (tabs === undefined) return [];
  const { background, shared, oneTab } = tabs;
  const on = `${background.tabs} tabs, one in front, ${tabs.sessions} sessions, ${tabs.messagesPerSecond}/s`;
  return [
    // The most open at any sample of the window: 0 at one moment (a reconnect) is no success.
    check(
      'server connections for every tab, at most',
      Math.max(background.serverConnectionsRange[1], shared.serverConnectionsRange[1]),
      '',
      '≤',
      1,
      `${on}, and with every tab visible; ${background.connectionsOpenedInWindow + shared.connectionsOpenedInWindow} opened in the windows`,
    ),
    check(
      'browser CPU of every tab ÷ one tab',
      background.browserCpuMsPerSecond / oneTab.browserCpuMsPerSecond,
      '×',
      '≤',
      1.5,
      `${on}, every Chromium process; with every tab visible and rendering: ${(shared.browserCpuMsPerSecond / oneTab.browserCpuMsPerSecond).toFixed(1)} ×`,
    ),
  ];
}
