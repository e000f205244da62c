const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration as people say it in a status line: `42 s`, `1 min 5 s`,
 * `2 h 3 min`, `3 d 4 h`. Two units at most, rounded down, so a ticking
 * value never runs ahead of the truth. Negative durations (a clock a hair
 * behind) read as `0 s`.
 *
 * @example
 * formatDuration(65_000) // → '1 min 5 s'
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Number.isFinite(ms) ? ms : 0);
  if (total < MINUTE) return `${Math.floor(total / SECOND)} s`;
  if (total < HOUR) {
    return joinUnits(Math.floor(total / MINUTE), 'min', Math.floor((total % MINUTE) / SECOND), 's');
  }
  if (total < DAY) {
    return joinUnits(Math.floor(total / HOUR), 'h', Math.floor((total % HOUR) / MINUTE), 'min');
  }
  return joinUnits(Math.floor(total / DAY), 'd', Math.floor((total % DAY) / HOUR), 'h');
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}
