import type { ScenarioResult } from './scenario-kit';

const seconds = (ms: number | undefined): string =>
  ms === undefined ? '—' : Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : 'never';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

const COLUMNS: [string, number, (result: ScenarioResult) => string][] = [
  ['scenario', 52, (r) => r.name],
  ['client', 9, (r) => r.where],
  ['time to live', 13, (r) => seconds(r.timeToLiveMs)],
  [
    'oldest state (limit)',
    21,
    (r) => (r.maxAgeMs === undefined ? '—' : `${seconds(r.maxAgeMs)} (${seconds(r.ageLimitMs)})`),
  ],
  ['false alarms', 13, (r) => String(r.falseAlarms)],
  ['not unknown while deaf', 23, (r) => String(r.dishonest)],
  [
    'server RSS (bound)',
    19,
    (r) => (r.serverRssMb === undefined ? '—' : `${r.serverRssMb} MB (${r.rssBoundMb ?? '?'})`),
  ],
  ['wall', 8, (r) => seconds(r.wallMs)],
  ['result', 7, (r) => (r.failures.length === 0 ? 'ok' : 'FAIL')],
];

/** One line per scenario with its figures, then its scale, notes and failures. */
export function formatFaultTable(results: readonly ScenarioResult[]): string {
  const lines = [
    COLUMNS.map(([title, width]) => pad(title, width))
      .join(' ')
      .trimEnd(),
  ];
  for (const result of results) {
    lines.push(
      COLUMNS.map(([, width, cell]) => pad(cell(result), width))
        .join(' ')
        .trimEnd(),
    );
  }
  lines.push('');
  for (const result of results) {
    lines.push(
      `- ${result.name} (${result.where}): ${result.scale}${result.note ? `; ${result.note}` : ''}`,
    );
    for (const failure of result.failures) lines.push(`    FAILED: ${failure}`);
  }
  return lines.join('\n');
}
