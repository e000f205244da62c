import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS, type HealthThresholds } from '@session-heartbeat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../test-utils';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import { rawRequest } from './test-utils';

/*
 * `pnpm check:alerts`: docs/alerts.yml against what the server exports. The
 * rules' syntax and their unit tests (docs/alerts.test.yml) are checked by
 * Debian's `promtool` (package `prometheus`, 2.42), the scrape by
 * `promtool check metrics`; that the rules name only exported metrics, that
 * their tests feed only series a real scrape has, and that each `for:` is
 * its threshold, by the few lines below (promtool knows none of our names).
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const RULES_PATH = `${repoRoot}docs/alerts.yml`;
const RULE_TESTS_PATH = `${repoRoot}docs/alerts.test.yml`;

/** Which threshold each alert's `for:` is. */
const ALERT_THRESHOLDS: Record<string, keyof HealthThresholds> = {
  SessionHeartbeatStalled: 'stallAfterMs',
  SessionHeartbeatUnresponsive: 'unresponsiveAfterMs',
  SessionHeartbeatSourceUnreachable: 'unresponsiveAfterMs',
  SessionHeartbeatServerDown: 'unresponsiveAfterMs',
};
/** Labels Prometheus adds to every scraped series, and its own per-target metric. */
const SCRAPE_LABELS = new Set(['job', 'instance']);
const PROMETHEUS_OWN = new Set(['up']);

function promtool(args: string[], input?: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { input, encoding: 'utf8', cwd: repoRoot });
  if (run.error !== undefined) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** `name{a="1",b="2"}` with its labels sorted, some left out: one spelling per series. */
function seriesKey(series: string, leaveOut: ReadonlySet<string> = new Set()): string {
  const name = /^[a-zA-Z_:][\w:]*/.exec(series)?.[0] ?? '';
  const labels = [...series.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
    .filter(([, label]) => label !== undefined && !leaveOut.has(label))
    .map(([pair]) => pair)
    .sort();
  return `${name}{${labels.join(',')}}`;
}

/** Every series of a scrape (the text before each sample's value). */
function scrapedSeries(scrape: string): Set<string> {
  const series = new Set<string>();
  for (const line of scrape.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    series.add(seriesKey(line.slice(0, line.lastIndexOf(' '))));
  }
  return series;
}

/** What in `rules` and `ruleTests` does not hold against a real `scrape`. */
function alertRuleProblems(rules: string, ruleTests: string, scrape: string): string[] {
  const problems: string[] = [];
  const series = scrapedSeries(scrape);
  const names = new Set([...series].map((key) => key.slice(0, key.indexOf('{'))));
  for (const [name] of rules.matchAll(/\bsession_heartbeat_\w+/g)) {
    if (!names.has(name)) problems.push(`alerts.yml names ${name}, which /metrics does not export`);
  }
  for (const [, input] of ruleTests.matchAll(/series: '([^']+)'/g)) {
    if (input === undefined || PROMETHEUS_OWN.has(seriesKey(input).split('{')[0] ?? '')) continue;
    const key = seriesKey(input, SCRAPE_LABELS);
    if (!series.has(key))
      problems.push(`alerts.test.yml feeds ${key}, which /metrics never writes`);
  }
  for (const block of rules.split(/^\s*- alert: /m).slice(1)) {
    const alert = /^\w+/.exec(block)?.[0] ?? '';
    const threshold = ALERT_THRESHOLDS[alert];
    const forSeconds = /^\s*for: (\d+)s$/m.exec(block)?.[1];
    if (threshold === undefined) {
      problems.push(`alert ${alert} has no threshold in this check: add it to ALERT_THRESHOLDS`);
    } else if (Number(forSeconds) * 1000 !== DEFAULT_THRESHOLDS[threshold]) {
      problems.push(
        `alert ${alert} waits for: ${forSeconds ?? '?'}s, but ${threshold} is ${DEFAULT_THRESHOLDS[threshold] / 1000}s`,
      );
    }
  }
  return problems;
}

describe('docs/alerts.yml', () => {
  let running: RunningHeartbeatServer;
  let scrape: string;
  const rules = readFileSync(RULES_PATH, 'utf8');
  const ruleTests = readFileSync(RULE_TESTS_PATH, 'utf8');

  beforeAll(async () => {
    const clock = createManualClock();
    running = await startHeartbeatServer({
      emitterOptions: { now: clock.now, timers: clock.timers },
      health: {
        timers: clock.timers,
        tools: ['exec'],
        // As an aggregator reports the gateways it hears, one of them gone.
        sources: () => [
          { id: 'local', up: true },
          { id: 'gateway-2', up: false },
        ],
      },
    });
    // Every family with a series: a stall, a silence, a completed state.
    const build = running.emitter.session('agent:build:main');
    build.transition('tool_exec', { toolName: 'exec' });
    const support = running.emitter.session('agent:support:main');
    support.transition('streaming');
    support.crash();
    running.emitter.session('agent:main:main').transition('streaming');
    clock.advance(31_000);
    const answer = await rawRequest(running.url, '/metrics');
    expect(answer.status).toBe(200);
    scrape = answer.body;
  });
  afterAll(async () => {
    await running.close();
  });

  it('is valid Prometheus rules (promtool check rules)', () => {
    const { status, output } = promtool(['check', 'rules', RULES_PATH]);
    expect(output).toContain('SUCCESS: 4 rules found');
    expect(status).toBe(0);
  });

  it('stays quiet before each for: and fires at it (promtool test rules)', () => {
    const { status, output } = promtool(['test', 'rules', RULE_TESTS_PATH]);
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  it('reads a scrape promtool finds no fault with (promtool check metrics)', () => {
    expect(scrape).toContain('session_heartbeat_sessions{health="stalled",state="tool_exec"} 1');
    expect(scrape).toContain(
      'session_heartbeat_sessions{health="unresponsive",state="streaming"} 1',
    );
    expect(promtool(['check', 'metrics'], scrape)).toEqual({ status: 0, output: '' });
  });

  it('names only exported metrics, tests them on exported series, and waits each threshold', () => {
    expect(alertRuleProblems(rules, ruleTests, scrape)).toEqual([]);
  });

  it('would catch a misspelt metric, a series the server never writes, and a for: off its threshold', () => {
    const broken = rules
      .replace('session_heartbeat_source_up == 0', 'session_heartbeat_sources_up == 0')
      .replace('for: 30s', 'for: 1m');
    const brokenTests = ruleTests.replace('health="stalled",state="tool_exec"', 'health="stuck"');
    expect(alertRuleProblems(broken, brokenTests, scrape)).toEqual([
      'alerts.yml names session_heartbeat_sources_up, which /metrics does not export',
      'alerts.test.yml feeds session_heartbeat_sessions{health="stuck"}, which /metrics never writes',
      'alert SessionHeartbeatStalled waits for: ?s, but stallAfterMs is 30s',
    ]);
  });
});
