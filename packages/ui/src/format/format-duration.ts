const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';
type DurationParts = Partial<Record<DurationUnit, number>>;

interface DurationFormatLike {
  format(duration: DurationParts): string;
}
type DurationFormatConstructor = new (
  locale?: string,
  options?: { style: 'narrow'; secondsDisplay?: 'always' },
) => DurationFormatLike;

/** `Intl.DurationFormat` where the platform has it (Chromium, Safari, Firefox; not Node 20). */
const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor })
  .DurationFormat;

const durationFormats = new Map<string, DurationFormatLike>();

/** `zero`: a formatter that shows `0s` (by default a zero duration formats as nothing). */
function durationFormat(locale: string | undefined, zero: boolean): DurationFormatLike | undefined {
  if (DurationFormat === undefined) return undefined;
  const cacheKey = `${locale ?? ''}|${zero}`;
  let format = durationFormats.get(cacheKey);
  if (format === undefined) {
    format = new DurationFormat(
      locale,
      zero ? { style: 'narrow', secondsDisplay: 'always' } : { style: 'narrow' },
    );
    durationFormats.set(cacheKey, format);
  }
  return format;
}

/** Where there is no `Intl.DurationFormat`: what its narrow English style says. */
const NARROW_UNITS: Readonly<Record<DurationUnit, string>> = {
  days: 'd',
  hours: 'h',
  minutes: 'm',
  seconds: 's',
};

/** Two units at most, rounded down: `{ minutes: 1, seconds: 5 }`. */
function durationParts(total: number): DurationParts {
  const split = (majorMs: number, major: DurationUnit, minorMs: number, minor: DurationUnit) => {
    const parts: DurationParts = { [major]: Math.floor(total / majorMs) };
    const rest = Math.floor((total % majorMs) / minorMs);
    if (rest > 0) parts[minor] = rest;
    return parts;
  };
  if (total < MINUTE) return { seconds: Math.floor(total / SECOND) };
  if (total < HOUR) return split(MINUTE, 'minutes', SECOND, 'seconds');
  if (total < DAY) return split(HOUR, 'hours', MINUTE, 'minutes');
  return split(DAY, 'days', HOUR, 'hours');
}

/**
 * A duration, the one way the components say one: `42s`, `1m 5s`,
 * `2h 3m`, `3d 4h` in English, through `Intl.DurationFormat` (narrow, the
 * same units as `formatRelativeTime`'s `1m ago`) in the user's locale
 * where the platform has it, and those English words where it does not.
 * Two units at most, rounded down, so a ticking value never runs ahead of
 * the truth. Negative durations (a clock a hair behind) read as `0s`.
 *
 * @param locale a BCP 47 tag; `undefined` is the browser's locale.
 * @example
 * formatDuration(65_000) // → '1m 5s'
 */
export function formatDuration(ms: number, locale?: string): string {
  const total = Math.max(0, Number.isFinite(ms) ? ms : 0);
  const parts = durationParts(total);
  // Every row says a few durations each second, and `DurationFormat.format`
  // is slow (≈ 20 ms/s at 10,000 sessions): the words depend only on the
  // parts, which repeat from row to row, so they are kept.
  let key = `${locale ?? ''}|${total < SECOND ? 0 : 1}`;
  for (const unit of Object.keys(parts) as DurationUnit[]) key += `|${parts[unit] ?? 0}${unit}`;
  const known = durationWords.get(key);
  if (known !== undefined) return known;
  const format = durationFormat(locale, total < SECOND);
  const words =
    format !== undefined
      ? format.format(parts)
      : (Object.keys(parts) as DurationUnit[])
          .map((unit) => `${parts[unit] ?? 0}${NARROW_UNITS[unit]}`)
          .join(' ');
  if (durationWords.size >= DURATION_WORDS_KEPT) durationWords.clear();
  durationWords.set(key, words);
  return words;
}

/** Durations already said, by locale and parts (at most this many: a second of a busy page's worth). */
const DURATION_WORDS_KEPT = 2000;
const durationWords = new Map<string, string>();

/**
 * A whole number of a unit in words (`10 minutes`), for a span that is a
 * setting rather than a measurement, such as a timeline's window.
 */
export function formatSpan(ms: number, locale?: string): string {
  const [unit, size] =
    ms >= DAY && ms % DAY === 0
      ? (['day', DAY] as const)
      : ms >= HOUR && ms % HOUR === 0
        ? (['hour', HOUR] as const)
        : ms >= MINUTE && ms % MINUTE === 0
          ? (['minute', MINUTE] as const)
          : (['second', SECOND] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(
    Math.floor(ms / size),
  );
}
