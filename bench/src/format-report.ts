import type { BenchResults, ScenarioResult } from './bench-results';
import type { PageMeasurement } from './measure-page';
import { LAYER_WORDS, type LayersMeasurement } from './measure-layers';
import type { TabsMeasurement, TabsRun } from './measure-tabs';

const MiB = 1024 * 1024;

/** Units whose figures are shown with one decimal (so 57.8 fps is not shown as 58 and missed). */
const ONE_DECIMAL = new Set(['kB', 'MB', '×', 'ms', 'fps']);

function number(value: number | undefined, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  return lines.join('\n');
}

function pages(results: BenchResults): { scenario: ScenarioResult; page: PageMeasurement }[] {
  return results.scenarios.flatMap((scenario) =>
    [scenario.list, scenario.naive]
      .filter((page) => page !== undefined)
      .map((page) => ({ scenario, page })),
  );
}

function pageName(page: PageMeasurement): string {
  return page.variant === 'list' ? 'SessionList' : 'naive';
}

function load(scenario: ScenarioResult, page: PageMeasurement): string {
  return `${number(scenario.messagesPerSecond)} (${number(page.steady.heartbeatsPerSecond)})`;
}

function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return sorted.length === 1
    ? number(median)
    : `${number(sorted[0])} / ${number(median)} / ${number(sorted.at(-1))}`;
}

function formatTabs(tabs: TabsMeasurement): string {
  const base = tabs.oneTab.browserCpuMsPerSecond;
  const row = (run: TabsRun): string[] => [
    run.label,
    `${number(run.serverConnections)} (${number(run.serverConnectionsRange[0])}–${number(run.serverConnectionsRange[1])}; ${number(run.connectionsOpenedInWindow)} opened)`,
    spread(run.mainThreadMsPerSecond),
    number(run.mainThreadTotalMsPerSecond),
    number(run.browserCpuMsPerSecond),
    `${number(run.browserCpuMsPerSecond / base, 1)} ×`,
    run.rowUpdatesWhenShown === undefined
      ? spread(run.rowUpdatesPerSecond)
      : `${spread(run.rowUpdatesPerSecond)}; the last, in its first second at the front: ${number(run.rowUpdatesWhenShown)}`,
    `${number(run.visibleTabs)} of ${number(run.tabs)}`,
  ];
  return `### Browser: ${number(tabs.shared.tabs)} tabs on one server\n\n${number(tabs.sessions)} sessions, ${number(tabs.messagesPerSecond)} heartbeats/s; the tabs share one browser context. In the first three runs every tab is visible and renders (Playwright emulates focus in each page); in the last, the tabs are tabs of one window as in a person's browser: the first in front, the other ${number(tabs.background.tabs - 1)} hidden: they render nothing, so after the window the last one is brought to the front and its rows that change in the next second are counted. Per tab: min / median / max.\n\n${table(
    [
      'tabs',
      'server WebSocket connections at the end (range; opened in the window)',
      'main thread ms/s per tab',
      'main thread ms/s, all tabs',
      'browser CPU ms/s (every Chromium process)',
      '÷ one tab',
      'row updates/s per tab',
      'visible',
    ],
    [row(tabs.oneTab), row(tabs.shared), row(tabs.unshared), row(tabs.background)],
  )}`;
}

function formatLayers(layers: LayersMeasurement): string {
  const rows = layers.runs.map((run) => [
    run.fleet === undefined
      ? `${run.layer}: ${LAYER_WORDS[run.layer]}`
      : `${run.layer}: ${LAYER_WORDS[run.layer]} (${number(run.fleet.sessions)} sessions, ${number(run.fleet.messagesPerSecond)}/s)`,
    `${number(run.mainThread.busyMsPerSecond)} (${number(run.mainThread.scriptMsPerSecond)} / ${number(run.mainThread.layoutMsPerSecond)} / ${number(run.mainThread.styleMsPerSecond)})`,
    number(run.browserCpuMsPerSecond),
    number(run.framesPerSecond),
    run.rows === undefined
      ? '—'
      : `${number(run.rows.updatedPerSecond)} / ${number(run.rows.replacedPerSecond)} / ${number(run.rows.commitsPerSecond)}`,
  ]);
  const floor = layers.runs.find((run) => run.fleet !== undefined);
  return `### Browser: where the main thread goes

${number(layers.sessions)} sessions, ${number(layers.messagesPerSecond)} heartbeats/s. Each layer under the list alone on a page, one after the other against the same server: what a client pays before it does anything (the socket and parsing), what the client adds (checks, health, history, order), what the list adds (React and the DOM), and how much of that is the status dots' pulse (the list again, for a person who asked for reduced motion). The lists run without the bench's latency instrumentation here.${
    floor?.fleet === undefined
      ? ''
      : ` The floor is the list against a fleet of ${number(floor.fleet.sessions)} sessions, where the client has next to nothing to do while about as many rows change in view: what rendering them costs whatever holds the sessions, the least a worker-hosted client could leave on the main thread.`
  }

${table(
  [
    'page',
    'main thread ms/s (script / layout / style)',
    'browser CPU ms/s (every Chromium process)',
    'frames heard/s',
    'rows updated / replaced / DOM commits, per s',
  ],
  rows,
)}`;
}

/** The results as Markdown: what the console shows, `latest.md` holds and the README quotes. */
export function formatReport(results: BenchResults): string {
  const { machine, loadAverage } = results;
  const sections: string[] = [];
  sections.push(
    [
      `**${results.mode === 'full' ? 'Full run' : 'Quick run (`--quick`)'}**, ${results.startedAt.replace('T', ' ').slice(0, 16)} UTC, ${number(results.durationSeconds)} s.`,
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${number(machine.memoryGiB, 1)} GiB; Linux ${machine.kernel}; Chromium ${machine.chromium} (headless); Node ${machine.node}.`,
      `Load average (1 min) during the run: ${number(loadAverage.atStart, 2)} at the start, ${number(loadAverage.mean, 2)} on average, ${number(loadAverage.max, 2)} at most.`,
    ].join('\n'),
  );

  sections.push(
    `### Targets\n\n${table(
      ['figure', 'measured', 'target', '', 'on'],
      results.targets.map((target) => [
        target.figure,
        `${number(target.value, ONE_DECIMAL.has(target.unit) ? 1 : 0)} ${target.unit}`.trim(),
        `${target.comparator} ${number(target.limit, Number.isInteger(target.limit) ? 0 : 1)} ${target.unit}`.trim(),
        target.met ? '✓' : '✗',
        target.note ?? '',
      ]),
    )}`,
  );

  if (results.snapshotSizes !== undefined && results.snapshotSizes.length > 0) {
    sections.push(
      `### Browser: the first load by fleet size\n\nThe list page against that many sessions sending their periodic beats only; the median of ${results.snapshotSizes[0]?.firstPaintRunsMs.length ?? 0} loads by first paint. The tasks are the main thread's from the snapshot's arrival to that paint: the socket message's (parsing and checking the frame), then the animation frame's that ranks the snapshot by severity, applies its first slice and renders the first rows.\n\n${table(
        [
          'sessions',
          'snapshot → first paint ms (range)',
          'longest task to first paint ms',
          'tasks ≥ 10 ms to first paint, in order, ms',
          'snapshot → all applied ms',
          'longest task until then ms',
        ],
        results.snapshotSizes.map((size) => [
          number(size.sessions),
          `${number(size.toFirstPaintMs)} (${number(Math.min(...size.firstPaintRunsMs))}–${number(Math.max(...size.firstPaintRunsMs))})`,
          number(size.longestTaskMs),
          size.tasksToFirstPaintMs?.map((ms) => number(ms)).join(' + ') ?? '—',
          number(size.toCompleteMs),
          number(size.longestTaskToCompleteMs),
        ]),
      )}`,
    );
  }

  const rows = pages(results);
  sections.push(
    `### Browser: steady state\n\nHeartbeats/s: planned total (received by the page).\n\n${table(
      [
        'page',
        'sessions',
        'heartbeats/s',
        'arrival → DOM p50 / p95 / p99 ms',
        'samples',
        'p95 ms: rows updated in place (samples) · rows entering with news (samples)',
        'long tasks (n / total ms / longest)',
        'main thread ms/s (script / layout / style)',
        'rows entering the DOM /s (reused for another session /s)',
      ],
      rows.map(({ scenario, page }) => {
        const { latency, longTasks, mainThread, rowsPerSecond } = page.steady;
        return [
          pageName(page),
          number(scenario.sessions),
          load(scenario, page),
          `${number(latency.p50, 1)} / ${number(latency.p95, 1)} / ${number(latency.p99, 1)}`,
          `${number(latency.samples)} in ${number(page.steady.seconds)} s`,
          latency.inPlace === undefined || latency.entered === undefined
            ? '—'
            : `${number(latency.inPlace.p95, 1)} (${number(latency.inPlace.samples)}) · ${number(latency.entered.p95, 1)} (${number(latency.entered.samples)})`,
          `${number(longTasks.count)} / ${number(longTasks.totalMs)} / ${number(longTasks.maxMs)}`,
          `${number(mainThread.busyMsPerSecond)} (${number(mainThread.scriptMsPerSecond)} / ${number(mainThread.layoutMsPerSecond)} / ${number(mainThread.styleMsPerSecond)})`,
          `${number(rowsPerSecond.entered)} (${number(rowsPerSecond.reused)})`,
        ];
      }),
    )}`,
  );

  sections.push(
    `### Browser: snapshot, scrolling, memory\n\n${table(
      [
        'page',
        'sessions',
        'heartbeats/s',
        'snapshot → rows in DOM ms',
        'snapshot → first paint ms (range)',
        'longest task ms',
        'snapshot → all applied ms (longest task)',
        'scroll fps (frames > 25 ms)',
        'scroll main thread ms/s',
        'JS heap MB',
        'DOM elements / nodes',
      ],
      rows.map(({ scenario, page }) => [
        pageName(page),
        number(scenario.sessions),
        load(scenario, page),
        number(page.snapshot.toRowsInDomMs),
        page.snapshot.firstPaintRunsMs.length > 1
          ? `${number(page.snapshot.toFirstPaintMs)} (${number(Math.min(...page.snapshot.firstPaintRunsMs))}–${number(Math.max(...page.snapshot.firstPaintRunsMs))})`
          : number(page.snapshot.toFirstPaintMs),
        number(page.snapshot.longestTaskMs),
        `${number(page.snapshot.toCompleteMs)} (${number(page.snapshot.longestTaskToCompleteMs)})`,
        `${number(page.scroll.fps, 1)} (${number(page.scroll.slowFrames)})`,
        number(page.scroll.mainThread.busyMsPerSecond),
        number(page.memory.jsHeapUsedBytes / MiB, 1),
        `${number(page.memory.domElements)} / ${number(page.memory.domNodes)}`,
      ]),
    )}`,
  );

  sections.push(
    `### Browser: main thread, SessionList vs the naive baseline\n\n${table(
      ['sessions', 'heartbeats/s', 'SessionList ms/s', 'naive ms/s', 'naive ÷ SessionList'],
      results.scenarios
        .filter((scenario) => scenario.list !== undefined && scenario.naive !== undefined)
        .map((scenario) => [
          number(scenario.sessions),
          number(scenario.messagesPerSecond),
          number(scenario.list?.steady.mainThread.busyMsPerSecond),
          number(scenario.naive?.steady.mainThread.busyMsPerSecond),
          `${number(scenario.mainThreadRatio, 1)} ×`,
        ]),
    )}`,
  );

  if (results.tabs !== undefined) sections.push(formatTabs(results.tabs));
  if (results.layers !== undefined) sections.push(formatLayers(results.layers));

  const { hub, bundle } = results;
  if (hub !== undefined) {
    sections.push(
      `### Server: the hub\n\n${table(
        [
          'sessions',
          'clients',
          'heartbeats emitted/s',
          'deliveries/s',
          'server CPU',
          'server RSS max',
          'transition → client p50 / p99 ms',
          'event-loop delay p99',
          'GET /metrics server CPU p50 / max',
        ],
        [
          [
            number(hub.options.sessions),
            number(hub.options.clients),
            number(hub.emittedPerSecond),
            number(hub.deliveriesPerSecond),
            `${number(hub.serverCpuPercent, 1)} %`,
            `${number(hub.serverRssMaxBytes / MiB)} MB`,
            `${number(hub.latencyMs.p50, 1)} / ${number(hub.latencyMs.p99, 1)}`,
            `${number(hub.serverLoopDelayP99Ms, 1)} ms`,
            `${number(hub.scrape.serverMsP50, 1)} / ${number(hub.scrape.serverMsMax, 1)} ms`,
          ],
        ],
      )}`,
    );
  }

  const kB = (bytes: number): string => `${number(bytes / 1000, 1)} kB`;
  if (bundle !== undefined) {
    sections.push(
      `### Bundle (Vite library mode, minified, react and react-dom external)\n\n${table(
        ['bundle', 'minified', 'gzip', 'styles.css gzip'],
        [
          [
            'core + react + ui, every export, dependencies included',
            kB(bundle.wholeApi.minifiedBytes),
            kB(bundle.wholeApi.gzipBytes),
            kB(bundle.wholeApi.cssGzipBytes),
          ],
          [
            'the same, our own code alone (dependencies external)',
            kB(bundle.wholeApiOwnCode.minifiedBytes),
            kB(bundle.wholeApiOwnCode.gzipBytes),
            kB(bundle.wholeApiOwnCode.cssGzipBytes),
          ],
          [
            'HeartbeatProvider + SessionList only, dependencies included',
            kB(bundle.dashboardList.minifiedBytes),
            kB(bundle.dashboardList.gzipBytes),
            kB(bundle.dashboardList.cssGzipBytes),
          ],
        ],
      )}\n\nWhat the dependencies add to the whole API (gzip, with − without): ${bundle.dependencyCosts
        .map(({ name, gzipBytes }) => `${name} ${kB(gzipBytes)}`)
        .join('; ')}.${
        bundle.element === undefined
          ? ''
          : `\n\nThe element (\`@session-heartbeat/element\`, one self-contained module with Preact inside as React and the stylesheet inside, its own Vite config): ${kB(bundle.element.gzipBytes)} gzip; our own code and stylesheet alone ${kB(bundle.element.ownCodeGzipBytes)} (\`pnpm --filter @session-heartbeat/element size --breakdown\` says what each dependency adds).`
      }`,
    );
  }

  if (results.problems.length > 0) {
    sections.push(
      `### Could not measure\n\n${results.problems.map((problem) => `- ${problem}`).join('\n')}`,
    );
  }
  return `${sections.join('\n\n')}\n`;
}
